// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One synthetic mammographic view. The breast is a half ellipse against the chest wall (the image's left edge for a
 * left breast, its right edge for a right one), flattened by compression in the middle and thinning towards the skin
 * line; MLO views add the pectoral muscle as a bright triangle in the upper chest-wall corner. Parenchyma is smooth
 * value noise, denser towards the centre. Masses are soft spheres of 4–9 mm radius; calcification clusters are 5–12
 * bright specks of 0.15–0.3 mm radius within 2.5–5 mm. Stored values are 12-bit, brighter = denser.
 */
final class MammogramPhantom {

    static final double WINDOW_CENTER = 1700;
    static final double WINDOW_WIDTH = 3000;

    private static final double BACKGROUND = 80;
    private static final double MASS_CONTRAST = 550;
    private static final double CALCIFICATION_CONTRAST = 1300;
    private static final double PECTORAL_CONTRAST = 600;

    /** The rendered view: its stored samples and the lesions in it. */
    record View(short[] pixels, List<PlanarLesion> lesions) { }

    private final MammogramSpec spec;
    private final boolean left;
    private final boolean mlo;
    private final double a;
    private final double b;
    private final double cy;

    MammogramPhantom(MammogramSpec spec, String laterality, String view) {
        this.spec = spec;
        this.left = laterality.equals("L");
        this.mlo = view.equals("MLO");
        this.a = (mlo ? 0.74 : 0.72) * spec.columns();
        this.b = (mlo ? 0.46 : 0.40) * spec.rows();
        this.cy = (mlo ? 0.52 : 0.50) * spec.rows();
    }

    /** Renders the view numbered {@code image} of the phantom (its seed is derived from the spec's and the number). */
    View render(int image) {
        long viewSeed = spec.seed() * 7919L + image;
        SplittableRandom random = new SplittableRandom(viewSeed);
        double mm = 1 / spec.pixelSpacingMm();
        SmoothField parenchyma = new SmoothField(random.nextLong(), spec.columns(), spec.rows(),
                new int[] {cell(25 * mm), cell(10 * mm), cell(4 * mm), cell(1.6 * mm)}, new double[] {0.5, 0.32, 0.14, 0.04});
        GreyCanvas canvas = new GreyCanvas(spec.columns(), spec.rows());
        canvas.paint((x, y) -> tissue(parenchyma, x, y));
        List<PlanarLesion> lesions = new ArrayList<>();
        for (int n = 0; n < spec.masses(); n++) {
            double radius = (4 + 5 * random.nextDouble()) * mm;
            double[] c = place(random, radius, lesions, 2 * mm);
            canvas.addSphere(c[0], c[1], radius, MASS_CONTRAST);
            lesions.add(new PlanarLesion(image, PlanarLesion.MASS, c[0], c[1], radius, 1));
        }
        for (int n = 0; n < spec.calcificationClusters(); n++) {
            double clusterRadius = (2.5 + 2.5 * random.nextDouble()) * mm;
            int members = 5 + random.nextInt(8);
            double largest = 0;
            double[] c = place(random, clusterRadius, lesions, 2 * mm);
            List<double[]> specks = new ArrayList<>();
            while (specks.size() < members) {
                double r = Math.max(1.5, (0.15 + 0.15 * random.nextDouble()) * mm);
                double angle = random.nextDouble() * 2 * Math.PI;
                double dist = Math.sqrt(random.nextDouble()) * clusterRadius;
                double sx = c[0] + dist * Math.cos(angle);
                double sy = c[1] + dist * Math.sin(angle);
                boolean apart = specks.stream().allMatch(s -> Math.hypot(s[0] - sx, s[1] - sy) > s[2] + r + 2);
                if (apart) {
                    specks.add(new double[] {sx, sy, r});
                    largest = Math.max(largest, r);
                    canvas.addSphere(sx, sy, r, CALCIFICATION_CONTRAST);
                }
            }
            lesions.add(new PlanarLesion(image, PlanarLesion.CALCIFICATION_CLUSTER, c[0], c[1], clusterRadius + largest, members));
        }
        return new View(canvas.toStored(viewSeed, spec.noiseSigma(), (1 << 12) - 1), List.copyOf(lesions));
    }

    /** Distance from the chest wall in pixels. */
    private double fromChestWall(double x) {
        return left ? x : spec.columns() - 1 - x;
    }

    /** 0 outside the breast, 1 inside, over a rim of about a millimetre at the skin line. */
    private double insideWeight(double d) {
        return Math.clamp((1 - d) * Math.min(a, b) * spec.pixelSpacingMm(), 0, 1);
    }

    /** 0 off the pectoral muscle, 1 on it, its edge blurred over about 3 mm as on a real MLO view. */
    private double pectoralWeight(double lx, double y) {
        if (!mlo) {
            return 0;
        }
        double u = 0.38 * spec.columns();
        double v = 0.50 * spec.rows();
        // Signed distance (px) from the muscle's edge, the line lx/u + y/v = 1; positive inside.
        double inside = (1 - lx / u - y / v) / Math.hypot(1 / u, 1 / v);
        return Math.clamp(0.5 + inside * spec.pixelSpacingMm() / 3, 0, 1);
    }

    private double ellipseDistance(double lx, double y) {
        double u = lx / a;
        double v = (y - cy) / b;
        return Math.sqrt(u * u + v * v);
    }

    private boolean inPectoral(double lx, double y) {
        return mlo && lx / (0.38 * spec.columns()) + y / (0.50 * spec.rows()) < 1;
    }

    private double tissue(SmoothField parenchyma, int x, int y) {
        double lx = fromChestWall(x);
        double d = ellipseDistance(lx, y);
        double pectoral = pectoralWeight(lx, y);
        double weight = Math.max(pectoral, insideWeight(d));
        if (weight <= 0) {
            return BACKGROUND;
        }
        double thickness = pectoral + (1 - pectoral) * Math.min(1, 2.2 * Math.sqrt(Math.max(0, 1 - d * d)));
        double gland = Math.clamp(0.55 + 0.9 * parenchyma.at(x, y) - 0.5 * Math.min(d, 1), 0, 1);
        double value = (700 + 1500 * gland) * (0.35 + 0.65 * thickness) + pectoral * PECTORAL_CONTRAST;
        return BACKGROUND + (value - BACKGROUND) * weight;
    }

    /** A centre for a disc of {@code radius} well inside the breast, off the pectoral muscle, apart from the others. */
    private double[] place(SplittableRandom random, double radius, List<PlanarLesion> others, double gap) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double lx = a * (0.12 + 0.7 * random.nextDouble());
            double y = cy + b * (1.6 * random.nextDouble() - 0.8);
            double d = ellipseDistance(lx, y);
            double reach = radius / Math.min(a, b);
            boolean inImage = lx - radius >= 0.03 * spec.columns() && y - radius >= 0 && y + radius < spec.rows();
            if (!inImage || d + reach > 0.85 || inPectoral(lx, y) || inPectoral(lx - radius, y - radius)) {
                continue;
            }
            double x = left ? lx : spec.columns() - 1 - lx;
            if (others.stream().noneMatch(o -> o.overlaps(x, y, radius, gap))) {
                return new double[] {x, y};
            }
        }
        throw new IllegalArgumentException("cannot place " + (others.size() + 1) + " lesions apart in a " + spec.columns() + "x"
                + spec.rows() + " mammogram at " + spec.pixelSpacingMm() + " mm; use a larger image or fewer lesions");
    }

    private static int cell(double px) {
        return Math.max(2, (int) Math.round(px));
    }
}
