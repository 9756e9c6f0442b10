// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.SplittableRandom;
import org.lumen.aiassist.model.ImageFacts;

/** Small synthetic images made in the tests: smooth textured backgrounds with Gaussian blobs of known centres. */
final class Synthetic {

    private Synthetic() { }

    /** A greyscale image: a background ramp, smooth texture, noise, and bright Gaussian blobs (centre x, y, sigma, amplitude). */
    static float[] grey(int w, int h, long seed, double noise, double[]... blobs) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[w * h];
        double p1 = r.nextDouble() * 6;
        double p2 = r.nextDouble() * 6;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double texture = 40 * Math.sin(x / 37.0 + p1) * Math.cos(y / 53.0 + p2);
                v[y * w + x] = (float) (1000 + 200.0 * x / w + texture + noise * (r.nextDouble() - 0.5));
            }
        }
        for (double[] b : blobs) {
            add(v, w, h, b[0], b[1], b[2], b[3]);
        }
        return v;
    }

    static void add(float[] v, int w, int h, double cx, double cy, double sigma, double amplitude) {
        int r = (int) Math.ceil(4 * sigma);
        for (int y = Math.max(0, (int) cy - r); y <= Math.min(h - 1, (int) cy + r); y++) {
            for (int x = Math.max(0, (int) cx - r); x <= Math.min(w - 1, (int) cx + r); x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                v[y * w + x] += (float) (amplitude * Math.exp(-d2 / (2 * sigma * sigma)));
            }
        }
    }

    static ImageFacts facts(String uid, String modality, int w, int h, boolean colour, String laterality, String view) {
        return new ImageFacts(uid, 0, modality, "1.2.840.10008.5.1.4.1.1.1.2", colour ? "RGB" : "MONOCHROME2", colour ? 3 : 1,
                laterality, view, null, null, null, null, w, h);
    }
}
