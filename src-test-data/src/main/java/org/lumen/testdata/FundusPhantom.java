// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One synthetic colour fundus photograph. A circular field of view on black; an orange-red retina darkening towards
 * the rim; the optic disc (yellow, with a paler cup) on the nasal side — the image's right for a right eye, its left for
 * a left one — and the darker macula about two and a half disc diameters temporal to it; a vessel tree growing from the
 * disc (two arcades curving round the macula, two nasal trunks, branching and thinning); then the lesions of the
 * eye's grade (see {@link FundusGrade}): microaneurysms (small dark-red dots), haemorrhages (larger dark-red blots)
 * and exudates (bright yellow spots), placed off the disc, off the main vessels and apart. Sizes scale with the field
 * of view's radius R = 0.48 × rows.
 */
final class FundusPhantom {

    private static final double[] RETINA = {200, 90, 40};
    private static final double[] DISC = {250, 205, 130};
    private static final double[] CUP = {255, 240, 190};
    private static final double[] VESSEL = {125, 28, 22};
    private static final double[] RED_LESION = {115, 22, 16};
    private static final double[] EXUDATE_COLOUR = {250, 225, 120};

    /** The rendered eye: RGB bytes, its lesions and its grade. */
    record Eye(byte[] rgb, List<PlanarLesion> lesions, int grade, double[] discCenter, double discRadius) { }

    private final FundusSpec spec;
    private final int image;
    private final boolean right;
    private final int w;
    private final int h;
    private final double cx;
    private final double cy;
    private final double fov;
    private final double discX;
    private final double discR;
    private final double foveaX;

    FundusPhantom(FundusSpec spec, int image, String laterality) {
        this.spec = spec;
        this.image = image;
        this.right = laterality.equals("R");
        this.w = spec.columns();
        this.h = spec.rows();
        this.cx = (w - 1) / 2.0;
        this.cy = (h - 1) / 2.0;
        this.fov = 0.48 * h;
        double nasal = right ? 1 : -1;
        this.discX = cx + nasal * 0.42 * fov;
        this.discR = 0.13 * fov;
        this.foveaX = cx - nasal * 0.18 * fov;
    }

    /** Renders the eye; {@code grade} is the grade to plant lesions for (0–3). */
    Eye render(int grade) {
        long eyeSeed = spec.seed() * 65_537L + image;
        SplittableRandom random = new SplittableRandom(eyeSeed);
        SmoothField mottle = new SmoothField(random.nextLong(), w, h, new int[] {cell(0.2 * fov), cell(0.05 * fov)},
                new double[] {0.6, 0.4});
        float[] rgb = new float[w * h * 3];
        GreyCanvas.inBands(h, (from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < w; x++) {
                    background(mottle, x, y, rgb, (y * w + x) * 3);
                }
            }
        });
        float[] vessels = new float[w * h];
        growVessels(random, vessels);
        blendLayer(rgb, vessels, VESSEL, 0.8);
        List<PlanarLesion> lesions = plantLesions(random, grade, vessels, rgb);
        byte[] bytes = new byte[rgb.length];
        GreyCanvas.inBands(h, (from, to) -> {
            for (int y = from; y < to; y++) {
                SplittableRandom noise = new SplittableRandom(eyeSeed * 1_000_003L + y);
                for (int x = 0; x < w; x++) {
                    boolean inside = Math.hypot(x - cx, y - cy) <= fov;
                    for (int c = 0; c < 3; c++) {
                        int n = (y * w + x) * 3 + c;
                        double v = inside ? rgb[n] + noise.nextGaussian() * spec.noiseSigma() : 0;
                        bytes[n] = (byte) Math.clamp(Math.round(v), 0, 255);
                    }
                }
            }
        });
        int actual = FundusGrade.of(lesions);
        if (actual != grade) {
            throw new IllegalStateException("planted lesions grade " + actual + ", not " + grade);
        }
        return new Eye(bytes, List.copyOf(lesions), grade, new double[] {discX, cy}, discR);
    }

    private void background(SmoothField mottle, int x, int y, float[] rgb, int n) {
        double r = Math.hypot(x - cx, y - cy) / fov;
        if (r > 1) {
            return;
        }
        double shade = (1 - 0.35 * r * r) * (1 + 0.06 * mottle.at(x, y));
        double macula = 1 - 0.28 * Math.exp(-sq(Math.hypot(x - foveaX, y - cy) / (0.16 * fov)));
        double disc = Math.clamp((discR - Math.hypot(x - discX, y - cy)) / (0.08 * discR), 0, 1);
        double cup = Math.clamp((0.5 * discR - Math.hypot(x - discX - 0.1 * discR, y - cy)) / (0.1 * discR), 0, 1);
        for (int c = 0; c < 3; c++) {
            double v = RETINA[c] * shade * macula;
            v += (DISC[c] - v) * disc;
            v += (CUP[c] - v) * cup;
            rgb[n + c] = (float) v;
        }
    }

    /** Four trunks from the disc: two temporal arcades curving round the macula, two straighter nasal ones. */
    private void growVessels(SplittableRandom random, float[] vessels) {
        double width = 0.022 * fov;
        double turn = Math.toRadians(2.4);
        grow(random, vessels, discX, cy - 0.3 * discR, Math.toRadians(-100), -turn, width, 0);
        grow(random, vessels, discX, cy + 0.3 * discR, Math.toRadians(100), turn, width, 0);
        grow(random, vessels, discX + 0.3 * discR * nasalSign(), cy - 0.4 * discR, Math.toRadians(-35), 0, 0.8 * width, 0);
        grow(random, vessels, discX + 0.3 * discR * nasalSign(), cy + 0.4 * discR, Math.toRadians(35), 0, 0.8 * width, 0);
    }

    private double nasalSign() {
        return right ? 1 : -1;
    }

    /**
     * Grows one vessel; angles are for a right eye (0 = towards the image's right, positive = downwards) and mirrored
     * for a left one.
     */
    private void grow(SplittableRandom random, float[] vessels, double x, double y, double angle, double turn, double width,
                      int depth) {
        double step = 0.02 * fov;
        for (int n = 0; n < 90 && width > 1.6; n++) {
            angle += turn + (random.nextDouble() - 0.5) * Math.toRadians(12);
            double dx = Math.cos(angle) * (right ? 1 : -1);
            double nx = x + dx * step;
            double ny = y + Math.sin(angle) * step;
            if (Math.hypot(nx - cx, ny - cy) > 0.97 * fov) {
                return;
            }
            capsule(vessels, x, y, nx, ny, width / 2);
            x = nx;
            y = ny;
            width *= 0.985;
            if (depth < 2 && n > 3 && random.nextDouble() < 0.08) {
                double side = random.nextBoolean() ? 1 : -1;
                grow(random, vessels, x, y, angle + side * Math.toRadians(25 + 25 * random.nextDouble()), turn * 0.5,
                        width * 0.65, depth + 1);
                width *= 0.9;
            }
        }
    }

    /** Marks a segment of radius {@code r}: opacity 1 along its axis, falling at its wall, anti-aliased over a pixel. */
    private void capsule(float[] layer, double x0, double y0, double x1, double y1, double r) {
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - r - 1));
        int maxX = Math.min(w - 1, (int) Math.ceil(Math.max(x0, x1) + r + 1));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - r - 1));
        int maxY = Math.min(h - 1, (int) Math.ceil(Math.max(y0, y1) + r + 1));
        double vx = x1 - x0;
        double vy = y1 - y0;
        double length2 = vx * vx + vy * vy;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double t = length2 == 0 ? 0 : Math.clamp(((x - x0) * vx + (y - y0) * vy) / length2, 0, 1);
                double d = Math.hypot(x - (x0 + t * vx), y - (y0 + t * vy));
                double alpha = Math.clamp(r + 0.5 - d, 0, 1) * (0.6 + 0.4 * Math.sqrt(Math.max(0, 1 - sq(Math.min(d, r) / r))));
                int n = y * w + x;
                if (alpha > layer[n]) {
                    layer[n] = (float) alpha;
                }
            }
        }
    }

    private void blendLayer(float[] rgb, float[] layer, double[] colour, double strength) {
        for (int n = 0; n < layer.length; n++) {
            double a = layer[n] * strength;
            if (a > 0) {
                for (int c = 0; c < 3; c++) {
                    rgb[n * 3 + c] += (float) ((colour[c] - rgb[n * 3 + c]) * a);
                }
            }
        }
    }

    private List<PlanarLesion> plantLesions(SplittableRandom random, int grade, float[] vessels, float[] rgb) {
        int microaneurysms = switch (grade) {
            case 0 -> 0;
            case 1 -> 1 + random.nextInt(FundusGrade.MAX_MILD_MICROANEURYSMS);
            case 2 -> 1 + random.nextInt(4);
            default -> 3 + random.nextInt(8);
        };
        int haemorrhages = switch (grade) {
            case 2 -> 1 + random.nextInt(FundusGrade.MAX_MODERATE_HAEMORRHAGES);
            case 3 -> FundusGrade.SEVERE_HAEMORRHAGES + 3 + random.nextInt(5);
            default -> 0;
        };
        int exudates = switch (grade) {
            case 2 -> 1 + random.nextInt(6);
            case 3 -> 2 + random.nextInt(7);
            default -> 0;
        };
        List<PlanarLesion> lesions = new ArrayList<>();
        float[] layer = new float[w * h];
        for (int n = 0; n < haemorrhages; n++) {
            plant(random, lesions, vessels, layer, PlanarLesion.HAEMORRHAGE, fov * (0.012 + 0.013 * random.nextDouble()));
        }
        for (int n = 0; n < microaneurysms; n++) {
            plant(random, lesions, vessels, layer, PlanarLesion.MICROANEURYSM, Math.max(1.5, fov * (0.004 + 0.002 * random.nextDouble())));
        }
        blendLayer(rgb, layer, RED_LESION, 0.9);
        float[] bright = new float[w * h];
        for (int n = 0; n < exudates; n++) {
            plant(random, lesions, vessels, bright, PlanarLesion.EXUDATE, Math.max(1.5, fov * (0.005 + 0.007 * random.nextDouble())));
        }
        blendLayer(rgb, bright, EXUDATE_COLOUR, 0.9);
        return lesions;
    }

    private void plant(SplittableRandom random, List<PlanarLesion> lesions, float[] vessels, float[] layer, String kind,
                       double radius) {
        double gap = Math.max(3, 0.01 * fov);
        for (int attempt = 0; attempt < 20_000; attempt++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double dist = Math.sqrt(random.nextDouble()) * 0.82 * fov;
            double x = cx + dist * Math.cos(angle);
            double y = cy + dist * Math.sin(angle);
            if (Math.hypot(x - discX, y - cy) < 1.6 * discR + radius || onVessel(vessels, x, y, radius + 2)) {
                continue;
            }
            if (lesions.stream().noneMatch(o -> o.overlaps(x, y, radius, gap))) {
                capsule(layer, x, y, x, y, radius);
                lesions.add(new PlanarLesion(image, kind, x, y, radius, 1));
                return;
            }
        }
        throw new IllegalArgumentException("cannot place " + (lesions.size() + 1) + " lesions apart in a " + w + "x" + h
                + " fundus photograph; use a larger image");
    }

    private boolean onVessel(float[] vessels, double x, double y, double reach) {
        for (int k = 0; k < 9; k++) {
            double px = k == 8 ? x : x + reach * Math.cos(k * Math.PI / 4);
            double py = k == 8 ? y : y + reach * Math.sin(k * Math.PI / 4);
            int ix = (int) Math.round(px);
            int iy = (int) Math.round(py);
            if (ix < 0 || iy < 0 || ix >= w || iy >= h || vessels[iy * w + ix] > 0.05) {
                return true;
            }
        }
        return false;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static int cell(double px) {
        return Math.max(2, (int) Math.round(px));
    }
}
