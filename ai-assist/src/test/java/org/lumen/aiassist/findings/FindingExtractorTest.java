// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.viewer.geometry.Vec3;

class FindingExtractorTest {

    private static final Grid GRID = new Grid(60, 40, 30, new Vec3(-30, -20, 100), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
            new Vec3(0, 0, 2));
    private static final Provenance PROVENANCE = new Provenance("m", "M", "1", "0".repeat(64), "1.2.3", "cpu", Instant.EPOCH);

    /** Gaussian bumps of the given heights and widths (sigma, mm) at patient points; the highest wins where they meet. */
    private static FloatVolume bumps(Vec3[] at, double[] height, double sigma) {
        return bumps(at, height, sigma, false);
    }

    private static FloatVolume bumps(Vec3[] at, double[] height, double sigma, boolean add) {
        float[] data = new float[GRID.arrayLength()];
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    Vec3 p = GRID.toPatient(i, j, k);
                    double v = 0;
                    for (int b = 0; b < at.length; b++) {
                        double d = p.distance(at[b]);
                        double bump = height[b] * Math.exp(-d * d / (2 * sigma * sigma));
                        v = add ? v + bump : Math.max(v, bump);
                    }
                    data[GRID.index(i, j, k)] = (float) v;
                }
            }
        }
        return FloatVolume.ofArray(GRID, data);
    }

    private static List<Finding> extract(FloatVolume heat, FindingOptions options) {
        return NonMaximumSuppression.apply(new FindingExtractor(options).extract(heat, 0.5, 0, "blob", PROVENANCE),
                options.nmsOverlap(), options.maxFindings());
    }

    @Test
    void separateBlobsAreSeparateFindingsRankedByScore() {
        Vec3 a = new Vec3(-10, 0, 130);
        Vec3 b = new Vec3(15, 5, 140);
        FloatVolume heat = bumps(new Vec3[] {a, b}, new double[] {0.8, 0.95}, 3);

        List<Finding> findings = extract(heat, FindingOptions.DEFAULT);

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).rank()).isEqualTo(1);
        assertThat(findings.get(0).centerMm().distance(b)).isLessThan(0.5);
        assertThat(findings.get(0).score()).isCloseTo(0.95, within(0.01));
        assertThat(findings.get(1).centerMm().distance(a)).isLessThan(0.5);
        // Above 0.5 of a 0.95 bump with sigma 3 mm: a ball of radius 3·sqrt(2·ln 1.9) ≈ 3.4 mm.
        double r = 3 * Math.sqrt(2 * Math.log(0.95 / 0.5));
        assertThat(findings.get(0).extentMm()[0]).isCloseTo(2 * r, within(2.0));
        assertThat(findings.get(0).volumeMm3()).isCloseTo(4.0 / 3 * Math.PI * r * r * r, within(60.0));
        assertThat(findings.get(0).provenance()).isSameAs(PROVENANCE);
    }

    @Test
    void twoPeaksJoinedByAHighRidgeAreOneFindingTwoWithADeepSaddleAreTwo() {
        // Summed bumps 9 mm apart barely dip between them; 12 mm apart they dip by a third, still above threshold.
        FloatVolume shallow = bumps(new Vec3[] {new Vec3(-4.5, 0, 130), new Vec3(4.5, 0, 130)}, new double[] {1.0, 0.95}, 4, true);
        FloatVolume deep = bumps(new Vec3[] {new Vec3(-6, 0, 130), new Vec3(6, 0, 130)}, new double[] {1.0, 0.95}, 4, true);

        assertThat(extract(shallow, new FindingOptions(1, 5, 0.2, 0.3, 100))).hasSize(1);
        assertThat(extract(deep, new FindingOptions(1, 5, 0.2, 0.3, 100))).hasSize(2);
    }

    @Test
    void specksBelowTheMinimumVolumeAreDropped() {
        float[] data = new float[GRID.arrayLength()];
        data[GRID.index(10, 10, 10)] = 0.9f;

        assertThat(extract(FloatVolume.ofArray(GRID, data), FindingOptions.DEFAULT)).hasSize(1);
        assertThat(extract(FloatVolume.ofArray(GRID, data), new FindingOptions(5, 10, 0.2, 0.3, 100))).isEmpty();
    }

    @Test
    void overlappingFindingsAreSuppressedByTheBetterOne() {
        Finding big = new Finding(0, "x", 0, 0.9, new Vec3(0, 0, 0), new double[] {10, 10, 10}, 500, 0, PROVENANCE);
        Finding inside = new Finding(0, "x", 0, 0.6, new Vec3(2, 1, 0), new double[] {4, 4, 4}, 30, 0, PROVENANCE);
        Finding apart = new Finding(0, "x", 0, 0.7, new Vec3(30, 0, 0), new double[] {4, 4, 4}, 30, 0, PROVENANCE);
        Finding otherClass = new Finding(0, "y", 1, 0.5, new Vec3(0, 0, 0), new double[] {10, 10, 10}, 500, 0, PROVENANCE);

        List<Finding> kept = NonMaximumSuppression.apply(List.of(inside, apart, big, otherClass), 0.3, 10);

        assertThat(kept).extracting(Finding::score).containsExactly(0.9, 0.7, 0.5);
        assertThat(kept).extracting(Finding::rank).containsExactly(1, 2, 3);
    }
}
