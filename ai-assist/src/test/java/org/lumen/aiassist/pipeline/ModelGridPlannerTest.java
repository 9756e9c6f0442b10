// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.Dimensionality;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.Normalisation;
import org.lumen.aiassist.model.SpatialOrder;
import org.lumen.viewer.geometry.Vec3;

class ModelGridPlannerTest {

    private static final Grid SERIES = new Grid(101, 81, 41, new Vec3(-50, -40, 10), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
            new Vec3(0, 0, 2.5));

    private static InputContract contract(Dimensionality d, double[] spacing, String orientation, int... patch) {
        return new InputContract("x", d, 1, patch, spacing, Normalisation.none(), orientation, SpatialOrder.ZYX, 1, 0.25, Double.NaN);
    }

    @Test
    void nativeSpacingAndAxesAreTheSeriesOwnGrid() {
        Grid model = ModelGridPlanner.plan(SERIES, contract(Dimensionality.THREE_D, null, "native", 32, 32, 32));

        assertThat(model).isSameAs(SERIES);
    }

    @Test
    void targetSpacingResamplesOverTheWholeSeriesCentredOnIt() {
        Grid model = ModelGridPlanner.plan(SERIES, contract(Dimensionality.THREE_D, new double[] {2, 2, 2}, "native", 32, 32, 32));

        assertThat(model.nx()).isEqualTo(51);
        assertThat(model.ny()).isEqualTo(41);
        assertThat(model.nz()).isEqualTo(51);
        assertThat(model.spacing(2)).isCloseTo(2, within(1e-9));
        Vec3 centre = SERIES.toPatient(50, 40, 20);
        assertThat(model.toPatient(25, 20, 25).distance(centre)).isLessThan(1e-9);
    }

    @Test
    void rasAxesPointRightAnteriorAndUp() {
        Grid model = ModelGridPlanner.plan(SERIES, contract(Dimensionality.THREE_D, new double[] {1, 1, 1}, "RAS", 16, 16, 16));

        assertThat(model.iStep()).isEqualTo(new Vec3(-1, 0, 0));
        assertThat(model.jStep()).isEqualTo(new Vec3(-0, -1, 0));
        assertThat(model.kStep()).isEqualTo(new Vec3(0, 0, 1));
    }

    @Test
    void sliceWiseModelsKeepTheSeriesSlices() {
        Grid model = ModelGridPlanner.plan(SERIES, contract(Dimensionality.TWO_D, new double[] {0.5, 0.5}, "native", 64, 64));

        assertThat(model.nz()).isEqualTo(SERIES.nz());
        assertThat(model.kStep()).isEqualTo(SERIES.kStep());
        assertThat(model.nx()).isEqualTo(201);
        for (int k : new int[] {0, 20, 40}) {
            assertThat(model.toPatient(100, 80, k).distance(SERIES.toPatient(50, 40, k))).isLessThan(1e-9);
        }
    }

    @Test
    void classificationFitsTheSeriesIntoExactlyOnePatch() {
        Grid model = ModelGridPlanner.plan(SERIES, contract(Dimensionality.THREE_D, null, "native", 16, 16, 16), true);

        assertThat(new int[] {model.nx(), model.ny(), model.nz()}).containsExactly(16, 16, 16);
        assertThat(model.toPatient(0, 0, 0).distance(SERIES.toPatient(0, 0, 0))).isLessThan(1e-9);
        assertThat(model.toPatient(15, 15, 15).distance(SERIES.toPatient(100, 80, 40))).isLessThan(1e-9);
    }
}
