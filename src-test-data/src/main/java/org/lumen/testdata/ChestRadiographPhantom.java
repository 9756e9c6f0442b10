// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic PA chest radiograph: a soft-tissue torso, two dark lungs, the heart shadow over the left lung's lower
 * medial part (the image's right), the spine and mediastinum as a bright band, posterior ribs as bright arcs across the
 * lungs, and nodules as soft spheres of 4–12 mm radius inside the lungs (off the heart and spine). Geometry is in
 * fractions of the image, so it scales with the size. Stored values are 12-bit, brighter = denser.
 */
final class ChestRadiographPhantom {

    static final double WINDOW_CENTER = 1600;
    static final double WINDOW_WIDTH = 2800;

    private static final double AIR = 150;
    private static final double SOFT_TISSUE = 2100;
    private static final double LUNG_DROP = 1250;
    private static final double HEART = 900;
    private static final double SPINE = 500;
    private static final double RIB = 220;
    private static final double NODULE_CONTRAST = 380;
    private static final int RIBS = 10;

    /** The rendered image and its nodules. */
    record Image(short[] pixels, List<PlanarLesion> lesions) { }

    private final ChestRadiographSpec spec;
    private final double w;
    private final double h;

    ChestRadiographPhantom(ChestRadiographSpec spec) {
        this.spec = spec;
        this.w = spec.columns();
        this.h = spec.rows();
    }

    Image render() {
        SplittableRandom random = new SplittableRandom(spec.seed() * 104_729L + 3);
        SmoothField markings = new SmoothField(random.nextLong(), spec.columns(), spec.rows(),
                new int[] {cell(0.05 * w), cell(0.015 * w)}, new double[] {0.6, 0.4});
        GreyCanvas canvas = new GreyCanvas(spec.columns(), spec.rows());
        canvas.paint((x, y) -> value(markings, x / w, y / h));
        double mm = 1 / spec.pixelSpacingMm();
        List<PlanarLesion> nodules = new ArrayList<>();
        for (int n = 0; n < spec.nodules(); n++) {
            double radius = (4 + 8 * random.nextDouble()) * mm;
            double[] c = place(random, radius, nodules);
            canvas.addSphere(c[0], c[1], radius, NODULE_CONTRAST);
            nodules.add(new PlanarLesion(0, PlanarLesion.NODULE, c[0], c[1], radius, 1));
        }
        return new Image(canvas.toStored(spec.seed(), spec.noiseSigma(), (1 << 12) - 1), List.copyOf(nodules));
    }

    /** How much of a lung is at (u, v), in fractions of the image: 1 well inside, 0 outside, smooth at the border. */
    private static double lung(double u, double v) {
        double right = ellipse(u, v, 0.31, 0.45, 0.15, 0.30);
        double left = ellipse(u, v, 0.69, 0.46, 0.14, 0.29);
        return Math.clamp((1 - Math.min(right, left)) * 12, 0, 1);
    }

    private static double heart(double u, double v) {
        return Math.clamp((1 - ellipse(u, v, 0.57, 0.63, 0.13, 0.12)) * 8, 0, 1);
    }

    private static double ellipse(double u, double v, double cu, double cv, double au, double av) {
        double du = (u - cu) / au;
        double dv = (v - cv) / av;
        return Math.sqrt(du * du + dv * dv);
    }

    private double value(SmoothField markings, double u, double v) {
        double torso = Math.clamp((1 - ellipse(u, v, 0.5, 0.62, 0.47, 0.75)) * 20, 0, 1);
        double value = AIR + (SOFT_TISSUE - AIR) * torso;
        double lung = lung(u, v);
        value -= lung * (LUNG_DROP + 90 * markings.at(u * w, v * h));
        value += HEART * heart(u, v) * lung;
        value += SPINE * Math.clamp(1 - Math.abs(u - 0.5) / 0.06, 0, 1) * torso;
        value += RIB * ribs(u, v) * torso;
        return value;
    }

    /** 0..1: how much of a rib is at (u, v). Posterior ribs rise from the spine, arc outwards and fall laterally. */
    private static double ribs(double u, double v) {
        double s = (Math.abs(u - 0.5) - 0.04) / 0.40;
        if (s < 0 || s > 1) {
            return 0;
        }
        double best = 0;
        for (int i = 0; i < RIBS; i++) {
            double centre = 0.16 + i * 0.062 - 0.035 * Math.sin(Math.PI * s) + 0.06 * s;
            double d = Math.abs(v - centre) / 0.011;
            best = Math.max(best, Math.clamp(1 - d * d, 0, 1));
        }
        return best;
    }

    private double[] place(SplittableRandom random, double radius, List<PlanarLesion> others) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double x = w * (0.18 + 0.64 * random.nextDouble());
            double y = h * (0.22 + 0.45 * random.nextDouble());
            boolean inLung = true;
            for (int k = 0; k < 8 && inLung; k++) {
                double angle = k * Math.PI / 4;
                double px = (x + radius * 1.3 * Math.cos(angle)) / w;
                double py = (y + radius * 1.3 * Math.sin(angle)) / h;
                inLung = lung(px, py) >= 1 && heart(px, py) <= 0 && Math.abs(px - 0.5) > 0.08;
            }
            if (inLung && others.stream().noneMatch(o -> o.overlaps(x, y, radius, radius))) {
                return new double[] {x, y};
            }
        }
        throw new IllegalArgumentException("cannot place " + (others.size() + 1) + " nodules apart in the lungs of a "
                + spec.columns() + "x" + spec.rows() + " chest radiograph at " + spec.pixelSpacingMm() + " mm");
    }

    private static int cell(double px) {
        return Math.max(2, (int) Math.round(px));
    }
}
