// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.Dimensionality;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.Normalisation;
import org.lumen.aiassist.model.SpatialOrder;
import org.lumen.aiassist.testing.ArrayInput;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;

class PatchSamplerTest {

    private static final Grid SERIES = new Grid(30, 26, 20, new Vec3(5, -7, 12), new Vec3(0.8, 0, 0),
            new Vec3(0, 0.6, 0.8).normalized().times(0.9), new Vec3(0, -0.8, 0.6).normalized().times(2.5));

    private static FloatBuffer buffer(TensorLayout layout) {
        return ByteBuffer.allocateDirect(layout.itemSize() * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Test
    void resamplingUpFrontAndPerTileGiveTheSamePatches() throws Exception {
        ArrayInput input = ArrayInput.of("s", SERIES, (i, j, k) -> (float) Math.sin(i * 0.3) * 400 + j * 7 - k * 11);
        InputContract in = new InputContract("x", Dimensionality.THREE_D, 1, new int[] {12, 10, 8}, new double[] {1.1, 1.3, 1.7},
                Normalisation.huWindow(-500, 500), "LPS", SpatialOrder.ZYX, 1, 0.25, -1000);
        Grid model = ModelGridPlanner.plan(SERIES, in);
        TensorLayout layout = InferencePipeline.inputLayout(in);
        Normaliser normaliser = Normaliser.of(in.normalisation(), input, TaskContext.none());
        try (Pools pools = new Pools(2)) {
            PatchSampler upFront = new PatchSampler(model, input, normaliser, layout, in.dimensionality(), -1000, pools.decode(),
                    TaskContext.none(), Long.MAX_VALUE);
            PatchSampler perTile = new PatchSampler(model, input, normaliser, layout, in.dimensionality(), -1000, pools.decode(),
                    TaskContext.none(), 0);
            TilePlan plan = TilePlan.of(model, new int[] {12, 10, 8}, 0.25);
            FloatBuffer a = buffer(layout);
            FloatBuffer b = buffer(layout);
            for (TilePlan.Tile tile : plan.tiles()) {
                upFront.fill(tile, a, 0);
                perTile.fill(tile, b, 0);
                for (int v = 0; v < layout.itemSize(); v++) {
                    assertThat(a.get(v)).as("tile %s value %d", tile, v).isCloseTo(b.get(v), within(1e-5f));
                }
            }
        }
    }

    @Test
    void zScoreWithoutFiguresUsesTheSeriesOwnMeanAndDeviation() throws Exception {
        Grid g = new Grid(4, 4, 2, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        ArrayInput input = ArrayInput.of("z", g, (i, j, k) -> k == 0 ? 10 : 30);

        Normaliser n = Normaliser.of(Normalisation.zScoreOfSeries(), input, TaskContext.none());

        assertThat(n.apply(20)).isCloseTo(0, within(1e-6f));
        assertThat(n.apply(30)).isCloseTo(1, within(1e-6f));
        assertThat(Normaliser.of(Normalisation.zScore(100, 50), input, TaskContext.none()).apply(200)).isCloseTo(2, within(1e-6f));
        assertThat(Normaliser.of(Normalisation.huWindow(-1000, 400), input, TaskContext.none()).apply(2000)).isEqualTo(1f);
        assertThat(Normaliser.of(Normalisation.none(), input, TaskContext.none()).apply(-3.5f)).isEqualTo(-3.5f);
    }
}
