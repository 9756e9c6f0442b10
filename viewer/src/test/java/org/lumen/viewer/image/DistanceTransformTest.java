// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

    @Test
    void matchesBruteForceOnAnisotropicRandomImages() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int w = random.nextInt(1, 30);
            int h = random.nextInt(1, 30);
            double sx = 0.3 + random.nextDouble() * 2;
            double sy = 0.3 + random.nextDouble() * 2;
            boolean[] feature = new boolean[w * h];
            double density = random.nextDouble() * 0.2;
            for (int p = 0; p < feature.length; p++) {
                feature[p] = random.nextDouble() < density;
            }
            feature[random.nextInt(feature.length)] = true;
            double[] d = DistanceTransform.squared(feature, w, h, sx, sy);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double best = Double.MAX_VALUE;
                    for (int q = 0; q < feature.length; q++) {
                        if (feature[q]) {
                            double dx = (x - q % w) * sx;
                            double dy = (y - q / w) * sy;
                            best = Math.min(best, dx * dx + dy * dy);
                        }
                    }
                    assertThat(d[y * w + x]).isCloseTo(best, within(1e-9));
                }
            }
        }
    }

    @Test
    void matchesBruteForceInThreeDimensions() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 8; trial++) {
            int w = random.nextInt(1, 12);
            int h = random.nextInt(1, 12);
            int depth = random.nextInt(1, 9);
            double sx = 0.3 + random.nextDouble() * 2;
            double sy = 0.3 + random.nextDouble() * 2;
            double sz = 0.5 + random.nextDouble() * 4;
            boolean[] feature = new boolean[w * h * depth];
            for (int p = 0; p < feature.length; p++) {
                feature[p] = random.nextDouble() < 0.03;
            }
            feature[random.nextInt(feature.length)] = true;
            double[] d = DistanceTransform.squared(feature, w, h, depth, sx, sy, sz);
            for (int p = 0; p < feature.length; p++) {
                double best = Double.MAX_VALUE;
                for (int q = 0; q < feature.length; q++) {
                    if (feature[q]) {
                        double dx = (p % w - q % w) * sx;
                        double dy = (p / w % h - q / w % h) * sy;
                        double dz = (p / (w * h) - q / (w * h)) * sz;
                        best = Math.min(best, dx * dx + dy * dy + dz * dz);
                    }
                }
                assertThat(d[p]).isCloseTo(best, within(1e-9));
            }
        }
    }

    @Test
    void signedMapGivesBackTheShapeAtZero() {
        boolean[] inside = new boolean[20 * 10];
        for (int y = 2; y < 7; y++) {
            for (int x = 3; x < 15; x++) {
                inside[y * 20 + x] = true;
            }
        }
        double[] sdf = DistanceTransform.signed(inside, 20, 10, 0.5, 2);
        for (int p = 0; p < inside.length; p++) {
            assertThat(sdf[p] <= 0).isEqualTo(inside[p]);
        }
        // Deep inside along x: 3 pixels of 0.5 mm to the outside, minus the half pixel.
        assertThat(sdf[4 * 20 + 5]).isCloseTo(-(1.5 - 0.25), within(1e-9));
        assertThat(sdf[4 * 20 + 0]).isCloseTo(1.5 - 0.25, within(1e-9));
    }
}
