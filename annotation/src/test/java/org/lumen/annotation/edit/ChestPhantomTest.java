// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.VoxelGrid;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * The tools against the chest CT phantom's ground truth: nodules of known centre, diameter and HU
 * are segmented from their centres and come out voxel for voxel as the phantom's labels, with a
 * volume close to the sphere's.
 */
class ChestPhantomTest {

    /** Nodules are 30..100 HU in lung of about -850; soft tissue is kept away by the placer's margin. */
    private static final ValueRange NODULE_HU = new ValueRange(-300, 400);
    private static final double VOLUME_TOLERANCE = 0.15;

    private static final ChestCtSpec SPEC = ChestCtSpec.builder().seed(21).size(Size.of(160, 160, 60)).pixelSpacingMm(1.0)
            .sliceSpacingMm(1.5).noduleCount(4).noduleDiameterMm(8, 14).build();
    private static PhantomVolume phantom;
    private static List<Nodule> nodules;
    private static VolumeGeometry geometry;
    private static VoxelValues hu;

    @BeforeAll
    static void render() {
        phantom = Phantoms.renderChestCt(SPEC);
        nodules = org.lumen.testdata.ChestCtPhantom.create(SPEC).nodules();
        geometry = geometryOf(phantom.grid());
        Size size = phantom.grid().size();
        hu = VoxelValues.ofShorts(size.columns(), size.rows(), size.slices(), phantom.values());
    }

    @AfterAll
    static void release() {
        phantom = null;
    }

    @Test
    void floodFillFromEachNoduleCentreGivesItsGroundTruthAndSphereVolume() {
        assertThat(nodules).hasSize(4);
        for (Nodule nodule : nodules) {
            MaskEditor editor = TestGrids.editor(geometry);
            FloodResult result = FloodFill.of(NODULE_HU, PaintRule.paint(1)).fill(editor, hu, geometry, nodule.center());
            assertThat(result.outcome()).as(result.message()).isEqualTo(FloodResult.Outcome.FILLED);
            assertMatchesTruth(editor.mask(), 1, nodule);
        }
    }

    @Test
    void thresholdPaintingANoduleWithASphereBrushGivesItsGroundTruth() {
        for (Nodule nodule : nodules) {
            MaskEditor editor = TestGrids.editor(geometry);
            // A brush a little larger than the nodule, kept inside the lung margin, painting only nodule HU.
            Brush brush = Brush.sphere(nodule.radiusMm() + 0.5, PaintRule.paint(2)).withThreshold(NODULE_HU);
            brush.dab(editor, geometry, nodule.center(), hu);
            assertMatchesTruth(editor.mask(), 2, nodule);
        }
    }

    @Test
    void twoDimensionalFillOnTheCentreSliceGivesTheNodulesCrossSection() {
        Nodule nodule = nodules.getFirst();
        ViewPlane stored = ViewPlane.stored(geometry);
        int k = stored.nearestIndex(nodule.center());
        double[] p = stored.toPlane(nodule.center());
        MaskEditor editor = TestGrids.editor(geometry);
        FloodResult result = FloodFill.of(NODULE_HU, PaintRule.paint(1)).fillOnPlane(editor, hu, stored, k, p[0], p[1]);
        long truth = 0;
        for (int j = 0; j < geometry.rows(); j++) {
            for (int i = 0; i < geometry.columns(); i++) {
                truth += phantom.label(i, j, k) == nodule.labelValue() ? 1 : 0;
            }
        }
        assertThat(result.regionVoxels()).isEqualTo(truth);
    }

    @Test
    void acceptedFindingsOnAHeatmapBecomeExactlyTheirNodules() {
        Size size = phantom.grid().size();
        float[] heatmap = new float[phantom.labels().length];
        for (int v = 0; v < heatmap.length; v++) {
            int label = phantom.labels()[v] & 0xFF;
            heatmap[v] = label >= Nodule.FIRST_LABEL ? 0.9f : 0.05f;
        }
        MaskEditor editor = TestGrids.editor(geometry);
        List<Vec3> accepted = List.of(nodules.get(0).center(), nodules.get(2).center());
        HeatmapResult result = HeatmapMasks.thresholdSeeded(editor, VoxelValues.ofFloats(size.columns(), size.rows(), size.slices(), heatmap),
                0.5, geometry, accepted, Connectivity.SIX, PaintRule.paint(3));
        assertThat(result.components()).isEqualTo(2);
        assertThat(result.missedSeeds()).isEmpty();
        List<Component> components = ConnectedComponents.of(editor.mask(), 3, Connectivity.SIX, geometry);
        assertThat(components).hasSize(2);
        for (Component c : components) {
            Nodule match = accepted.get(0).distance(c.centroid()) < accepted.get(1).distance(c.centroid()) ? nodules.get(0) : nodules.get(2);
            assertThat(c.centroid().distance(match.center())).isLessThan(1.0);
            assertThat(c.voxels()).isEqualTo(truthCount(match));
        }
    }

    @Test
    void floodFillOnTheLoadedDicomSeriesMatchesTheGroundTruth(@TempDir Path folder) throws Exception {
        ChestCtSpec small = ChestCtSpec.builder().seed(5).size(Size.of(128, 128, 40)).pixelSpacingMm(1.2).sliceSpacingMm(2)
                .noduleCount(2).noduleDiameterMm(10, 14).build();
        PhantomResult written = Phantoms.writeChestCt(folder.resolve("ct"), small);
        PhantomVolume truth = Phantoms.renderChestCt(small);
        try (Pools pools = new Pools(2)) {
            DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(written.directory()), TaskContext.none());
            SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 28));
            try (Volume volume = loader.open(new StackPlanner().plan(index.allSeries().getFirst()))) {
                new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
                VolumeGeometry g = volume.geometry();
                assertThat(volume.failures()).isEmpty();
                assertThat(written.nodules()).hasSize(2);
                for (Nodule nodule : written.nodules()) {
                    MaskEditor editor = TestGrids.editor(g);
                    FloodResult result = FloodFill.of(NODULE_HU, PaintRule.paint(1)).fill(editor, VoxelValues.of(volume), g, nodule.center());
                    assertThat(result.filled()).as(result.message()).isTrue();
                    long expected = 0;
                    for (int v = 0; v < truth.labels().length; v++) {
                        expected += (truth.labels()[v] & 0xFF) == nodule.labelValue() ? 1 : 0;
                    }
                    assertThat(editor.mask().count(1)).isEqualTo(expected);
                    double sphere = 4.0 / 3 * Math.PI * Math.pow(nodule.radiusMm(), 3);
                    assertThat(MaskStatistics.volumeMm3(editor.mask(), g, 1)).isCloseTo(sphere, within(VOLUME_TOLERANCE * sphere));
                }
            }
        }
    }

    private static void assertMatchesTruth(LabelMask mask, int label, Nodule nodule) {
        long truth = truthCount(nodule);
        for (int k = 0; k < geometry.slices(); k++) {
            for (int j = 0; j < geometry.rows(); j++) {
                for (int i = 0; i < geometry.columns(); i++) {
                    boolean inNodule = phantom.label(i, j, k) == nodule.labelValue();
                    if (inNodule != (mask.get(i, j, k) == label)) {
                        throw new AssertionError("nodule " + nodule.id() + ": voxel " + i + "," + j + "," + k + " is "
                                + (inNodule ? "in the nodule but not labelled" : "labelled but not in the nodule"));
                    }
                }
            }
        }
        assertThat(mask.count(label)).isEqualTo(truth);
        double sphere = 4.0 / 3 * Math.PI * Math.pow(nodule.radiusMm(), 3);
        double volume = MaskStatistics.volumeMm3(mask, geometry, label);
        assertThat(volume).as("nodule %d of %.1f mm", nodule.id(), nodule.diameterMm()).isCloseTo(sphere, within(VOLUME_TOLERANCE * sphere));
    }

    private static long truthCount(Nodule nodule) {
        long n = 0;
        for (byte b : phantom.labels()) {
            n += (b & 0xFF) == nodule.labelValue() ? 1 : 0;
        }
        return n;
    }

    private static VolumeGeometry geometryOf(VoxelGrid grid) {
        Size size = grid.size();
        return new VolumeGeometry(size.columns(), size.rows(), size.slices(), grid.origin(), grid.orientation().rowDirection(),
                grid.orientation().columnDirection(), grid.columnSpacingMm(), grid.rowSpacingMm(), grid.sliceStep());
    }
}
