// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.SliceOrientation;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.viewport.Crosshair;
import org.lumen.viewer.viewport.LinkedScrolling;
import org.lumen.viewer.viewport.PixelProbe;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.PlaneSampler;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * MPR against ground truth: every reformatted pixel is the phantom's voxel at the patient point
 * the plane says it is, a thick slab is the maximum of its planes, the crosshair brings every
 * view to the point, and views of one frame of reference scroll together when their planes are parallel.
 */
class ReformatAgainstPhantomTest {

    private static final ChestCtSpec AXIAL = ChestCtSpec.builder().size(Size.of(96, 80, 40)).pixelSpacingMm(3.5)
            .sliceSpacingMm(4).noduleCount(3).noduleDiameterMm(14, 20).build();

    @TempDir
    static Path folder;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static Volume volume;
    private static PhantomResult written;
    private static PhantomVolume truth;

    @BeforeAll
    static void load() throws Exception {
        written = Phantoms.writeChestCt(folder.resolve("axial"), AXIAL);
        truth = Phantoms.renderChestCt(AXIAL);
        volume = open(folder.resolve("axial"));
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static Volume open(Path dir) throws Exception {
        var index = new Indexer(POOL, 2).index(new FolderSource(dir), TaskContext.none());
        var plan = new StackPlanner().plan(index.allSeries().getFirst());
        SeriesLoader loader = new SeriesLoader(POOL, 2, new PixelCache(256L << 20));
        Volume v = loader.open(plan);
        loader.loadTask(v, 0).run(TaskContext.none());
        return v;
    }

    @Test
    void everyReformattedPixelIsTheVoxelAtItsPatientPosition() {
        for (PlaneAxis axis : PlaneAxis.values()) {
            ViewPlane plane = ViewPlane.of(volume.geometry(), axis);
            PlaneSampler sampler = new PlaneSampler(volume, plane);
            for (int n : new int[] {0, plane.count() / 3, plane.count() - 1}) {
                VoxelSlice image = sampler.sample(n, 1);
                assertThat(sampler.missingSlices().isEmpty()).isTrue();
                for (int y = 0; y < plane.height(); y += 3) {
                    for (int x = 0; x < plane.width(); x += 3) {
                        double[] v = volume.geometry().toVoxel(plane.toPatient(x, y, n));
                        int i = (int) Math.round(v[0]);
                        int j = (int) Math.round(v[1]);
                        int k = (int) Math.round(v[2]);
                        assertThat(image.value(x, y)).as("%s plane %d pixel (%d, %d)", axis, n, x, y)
                                .isEqualTo(truth.value(i, j, k));
                    }
                }
            }
        }
    }

    @Test
    void aNoduleShowsAtItsCentreOnTheCoronalAndSagittalReformats() {
        for (Nodule nodule : written.nodules()) {
            for (PlaneAxis axis : new PlaneAxis[] {PlaneAxis.ROWS, PlaneAxis.COLUMNS}) {
                ViewPlane plane = ViewPlane.of(volume.geometry(), axis);
                double[] p = plane.toPlane(nodule.center());
                VoxelSlice image = new PlaneSampler(volume, plane).sample((int) Math.round(p[2]), 1);
                assertThat(image.value((int) Math.round(p[0]), (int) Math.round(p[1])))
                        .as("nodule %d on the %s reformat", nodule.id(), plane.anatomicalName()).isEqualTo(nodule.hu());
            }
        }
    }

    @Test
    void aReformatOfAPartlyLoadedVolumeShowsWhatIsThereAndReportsTheRest() throws Exception {
        var index = new Indexer(POOL, 2).index(new FolderSource(folder.resolve("axial")), TaskContext.none());
        Volume partial = new SeriesLoader(POOL, 2, new PixelCache(256L << 20)).open(new StackPlanner().plan(index.allSeries().getFirst()));
        ViewPlane coronal = ViewPlane.of(partial.geometry(), PlaneAxis.ROWS);
        PlaneSampler sampler = new PlaneSampler(partial, coronal);
        assertThat(sampler.sample(30, 1)).as("nothing in memory yet").isNull();
        assertThat(sampler.missingSlices().cardinality()).isEqualTo(partial.sliceCount());

        for (int k = 0; k < 10; k++) {
            partial.slice(k);
        }
        VoxelSlice image = sampler.sample(30, 1);
        assertThat(sampler.missingSlices().cardinality()).isEqualTo(partial.sliceCount() - 10);
        assertThat(sampler.missingSlices().get(0)).isFalse();
        // Slice k sits on row (count - 1 - k): the stack runs feet to head, the screen head to feet.
        int row = coronal.height() - 1 - 5;
        assertThat(image.value(48, row)).isEqualTo(truth.value(48, 30, 5));
        assertThat(image.value(48, 0)).as("a slice not loaded yet is black").isEqualTo(Short.MIN_VALUE);
    }

    @Test
    void aThickSlabIsTheMaximumOfItsPlanes() {
        ViewPlane coronal = ViewPlane.of(volume.geometry(), PlaneAxis.ROWS);
        PlaneSampler slab = new PlaneSampler(volume, coronal);
        PlaneSampler single = new PlaneSampler(volume, coronal);
        int n = coronal.count() / 2;
        VoxelSlice mip = slab.sample(n, 5);
        for (int y = 0; y < coronal.height(); y += 2) {
            for (int x = 0; x < coronal.width(); x += 2) {
                double max = -Double.MAX_VALUE;
                for (int d = -2; d <= 2; d++) {
                    max = Math.max(max, single.sample(n + d, 1).value(x, y));
                }
                assertThat(mip.value(x, y)).isEqualTo(max);
            }
        }
        // The stored-plane slab goes through the same projection.
        ViewPlane axial = ViewPlane.stored(volume.geometry());
        VoxelSlice axialMip = new PlaneSampler(volume, axial).sample(10, 3);
        assertThat(axialMip.value(40, 40)).isEqualTo(Math.max(truth.value(40, 40, 9), Math.max(truth.value(40, 40, 10), truth.value(40, 40, 11))));
    }

    @Test
    void theCrosshairBringsEveryViewToThePointAndScrollingMovesItAlongTheNormal() {
        DisplaySettings display = DisplaySettings.window(new WindowPreset("lung", -600, 1500), false);
        ViewportState axial = new ViewportState(volume, ViewPlane.of(volume.geometry(), PlaneAxis.SLICES), display, 0);
        ViewportState coronal = new ViewportState(volume, ViewPlane.of(volume.geometry(), PlaneAxis.ROWS), display, 0);
        ViewportState sagittal = new ViewportState(volume, ViewPlane.of(volume.geometry(), PlaneAxis.COLUMNS), display, 0);
        Nodule nodule = written.nodules().getFirst();
        Crosshair crosshair = new Crosshair(nodule.center());
        crosshair.attach(axial);
        crosshair.attach(coronal);
        crosshair.attach(sagittal);
        for (ViewportState v : new ViewportState[] {axial, coronal, sagittal}) {
            assertThat(v.index()).isEqualTo(v.plane().nearestIndex(nodule.center()));
            double[] xy = v.plane().toPlane(nodule.center());
            assertThat(PixelProbe.read(v, xy[0], xy[1]).orElseThrow().value()).isEqualTo(nodule.hu());
        }
        int coronalBefore = coronal.index();
        axial.scroll(2);
        assertThat(crosshair.point().z()).isCloseTo(axial.plane().center(axial.index()).z(), within(1e-6));
        assertThat(coronal.index()).as("scrolling the axial view moves along z only").isEqualTo(coronalBefore);
        assertThat(sagittal.index()).isEqualTo(sagittal.plane().nearestIndex(nodule.center()));
    }

    @Test
    void viewsOfTheSameFrameOfReferenceScrollTogetherOnlyWhenTheirPlanesAreParallel() throws Exception {
        // The same series opened again stands for a second reconstruction in the same frame of reference.
        Volume second = open(folder.resolve("axial"));
        DisplaySettings display = DisplaySettings.window(new WindowPreset("lung", -600, 1500), false);
        ViewportState coronalA = new ViewportState(volume, ViewPlane.of(volume.geometry(), PlaneAxis.ROWS), display, 10);
        ViewportState coronalB = new ViewportState(second, ViewPlane.of(second.geometry(), PlaneAxis.ROWS), display, 40);
        ViewportState axialB = new ViewportState(second, display, 5);
        LinkedScrolling links = new LinkedScrolling();
        links.attach(coronalA);
        links.attach(coronalB);
        links.attach(axialB);
        assertThat(LinkedScrolling.linkable(coronalA, coronalB)).isTrue();
        assertThat(LinkedScrolling.linkable(coronalA, axialB)).as("crossing planes do not scroll together").isFalse();

        coronalA.scroll(7);
        assertThat(coronalB.index()).isEqualTo(17);
        assertThat(axialB.index()).isEqualTo(5);

        links.setEnabled(false);
        coronalA.scroll(1);
        assertThat(coronalB.index()).isEqualTo(17);

        // A phantom of another size is another patient position: another frame of reference, no link.
        ChestCtSpec other = ChestCtSpec.builder().size(Size.of(96, 40, 80)).pixelSpacingMm(3.5).sliceSpacingMm(3.5)
                .orientation(SliceOrientation.CORONAL).noduleCount(1).build();
        Phantoms.writeChestCt(folder.resolve("coronal"), other);
        Volume coronalSeries = open(folder.resolve("coronal"));
        ViewportState acquired = new ViewportState(coronalSeries, display, 0);
        assertThat(acquired.plane().anatomicalName()).isEqualTo("Coronal");
        assertThat(LinkedScrolling.linkable(coronalA, acquired)).isFalse();
    }
}
