// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

/** Heatmaps and labels land on the pixels of their voxels, on stored planes and reformats, styled as asked. */
class OverlayRendererTest {

    private static final VolumeGeometry GRID = new VolumeGeometry(20, 16, 10, new Vec3(0, 0, 0),
            new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1, new Vec3(0, 0, 2));

    @Test
    void aHeatmapIsTransparentBelowItsThresholdAndColouredAbove() {
        float[] values = new float[20 * 16 * 10];
        values[index(5, 6, 3)] = 0.9f;
        values[index(7, 6, 3)] = 0.3f;
        OverlayLayer layer = OverlayLayer.heatmap("demo", HeatmapVolume.dense(20, 16, 10, values), HeatmapStyle.probability(0.5));
        int[] out = new int[20 * 16];

        boolean drawn = new OverlayRenderer().render(List.of(layer), ViewPlane.stored(GRID), 3, out);

        assertThat(drawn).isTrue();
        assertThat(out[6 * 20 + 5] >>> 24).as("alpha of a 0.9 voxel").isGreaterThan(100);
        assertThat(out[6 * 20 + 7]).as("0.3 is under the threshold").isZero();
        assertThat(new OverlayRenderer().render(List.of(layer), ViewPlane.stored(GRID), 4, out)).isFalse();
        layer.setVisible(false);
        assertThat(new OverlayRenderer().render(List.of(layer), ViewPlane.stored(GRID), 3, out)).isFalse();
    }

    @Test
    void onACoronalReformatAVoxelAppearsWhereThePlaneMapsIt() {
        float[] values = new float[20 * 16 * 10];
        values[index(5, 6, 3)] = 1f;
        OverlayLayer layer = OverlayLayer.heatmap("demo", HeatmapVolume.dense(20, 16, 10, values), HeatmapStyle.probability(0.5));
        ViewPlane coronal = ViewPlane.of(GRID, PlaneAxis.ROWS);
        int[] out = new int[coronal.width() * coronal.height()];

        new OverlayRenderer().render(List.of(layer), coronal, 6, out);

        double[] xy = coronal.toPlane(GRID.toPatient(5, 6, 3));
        int x = (int) Math.round(xy[0]);
        int y = (int) Math.round(xy[1]);
        int lit = 0;
        for (int p = 0; p < out.length; p++) {
            if (out[p] != 0) {
                lit++;
                assertThat(p).isEqualTo(y * coronal.width() + x);
            }
        }
        assertThat(lit).isEqualTo(1);
    }

    @Test
    void labelsAreFilledOrOutlinedHiddenPerClassAndDrawnOverHeatmaps() {
        byte[][] slices = new byte[10][];
        slices[2] = new byte[20 * 16];
        for (int j = 4; j < 10; j++) {
            for (int i = 4; i < 10; i++) {
                slices[2][j * 20 + i] = 1;
            }
        }
        LabelVolume mask = new LabelVolume() {
            @Override public int columns() { return 20; }
            @Override public int rows() { return 16; }
            @Override public int slices() { return 10; }
            @Override public byte[] sliceOrNull(int k) { return slices[k]; }
        };
        OverlayLayer labels = OverlayLayer.labels("mask", mask, LabelStyle.filled(Map.of(1, 0x00FF00)));
        int[] out = new int[20 * 16];
        new OverlayRenderer().render(List.of(labels), ViewPlane.stored(GRID), 2, out);
        assertThat(out[6 * 20 + 6] >> 8 & 0xFF).as("green fill inside").isPositive();

        labels.setLabelStyle(labels.labelStyle().withOutline(true));
        new OverlayRenderer().render(List.of(labels), ViewPlane.stored(GRID), 2, out);
        assertThat(out[6 * 20 + 6]).as("no fill in outline mode").isZero();
        assertThat(out[4 * 20 + 6]).as("the boundary is drawn").isNotZero();

        labels.setLabelStyle(labels.labelStyle().withHidden(java.util.Set.of(1)));
        assertThat(new OverlayRenderer().render(List.of(labels), ViewPlane.stored(GRID), 2, out)).isFalse();
    }

    @Test
    void anOverlayOfAnotherGridIsNotDrawnAndLayersNotifyTheirSeries() {
        OverlayLayer wrongGrid = OverlayLayer.heatmap("other", HeatmapVolume.dense(4, 4, 4, new float[64]), HeatmapStyle.probability(0));
        assertThat(new OverlayRenderer().render(List.of(wrongGrid), ViewPlane.stored(GRID), 0, new int[20 * 16])).isFalse();

        OverlayLayers layers = new OverlayLayers();
        AtomicInteger changes = new AtomicInteger();
        layers.addListener(changes::incrementAndGet);
        OverlayLayer heat = OverlayLayer.heatmap("demo", HeatmapVolume.dense(20, 16, 10, new float[3200]), HeatmapStyle.probability(0.5));
        layers.put("1.2.3", heat);
        heat.setHeatmapStyle(heat.heatmapStyle().withThreshold(0.7));
        layers.toggleHeatmaps("1.2.3");
        assertThat(heat.visible()).isFalse();
        assertThat(changes.get()).isEqualTo(3);
        layers.put("1.2.3", OverlayLayer.heatmap("demo", HeatmapVolume.dense(20, 16, 10, new float[3200]), HeatmapStyle.probability(0.5)));
        assertThat(layers.of("1.2.3")).hasSize(1);
        heat.setVisible(true);
        assertThat(changes.get()).as("a replaced layer no longer reports").isEqualTo(4);
    }

    private static int index(int i, int j, int k) {
        return k * 20 * 16 + j * 20 + i;
    }
}
