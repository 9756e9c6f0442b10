// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ExecutorTaskRunner;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskHandle;
import org.lumen.task.TaskListener;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.HeadMrSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.SliceOrientation;
import org.lumen.testdata.VoxelGrid;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelType;

/** Generated phantoms go through index → plan → load and come back with exact geometry and values. */
class PhantomVolumeTest {

    private final Pools pools = new Pools(2);

    @TempDir
    Path folder;

    @AfterEach
    void stopPools() {
        pools.close();
    }

    private static ChestCtSpec.Builder smallChest() {
        return ChestCtSpec.builder().seed(11).size(Size.of(96, 96, 48)).noduleCount(2);
    }

    @Test
    void chestCtRoundTripsGeometryAndHuExactly() throws Exception {
        ChestCtSpec spec = smallChest().build();
        PhantomResult written = Phantoms.writeChestCt(folder.resolve("ct"), spec);
        try (Volume volume = load(written.directory(), new PixelCache(1L << 30), 24)) {
            assertThat(volume.plan().isVolume()).isTrue();
            assertThat(volume.voxelType()).isEqualTo(VoxelType.INT16);
            assertGeometry(volume.geometry(), Phantoms.renderChestCt(spec).grid());
            assertValues(volume, Phantoms.renderChestCt(spec));
        }
    }

    @Test
    void obliqueAndCoronalOrientationsStackAlongTheirNormal() throws Exception {
        for (SliceOrientation orientation : List.of(SliceOrientation.CORONAL,
                SliceOrientation.oblique(new org.lumen.viewer.geometry.Vec3(1, 0.3, 0), new org.lumen.viewer.geometry.Vec3(0, 0.2, -1)))) {
            ChestCtSpec spec = smallChest().orientation(orientation).noduleCount(0).build();
            PhantomResult written = Phantoms.writeChestCt(folder.resolve("o" + orientation.hashCode()), spec);
            try (Volume volume = load(written.directory(), new PixelCache(1L << 30), 0)) {
                assertThat(volume.plan().isVolume()).isTrue();
                assertGeometry(volume.geometry(), Phantoms.renderChestCt(spec).grid());
                assertValues(volume, Phantoms.renderChestCt(spec));
            }
        }
    }

    @Test
    void enhancedMultiFrameLoadsAsTheSameVolume() throws Exception {
        ChestCtSpec spec = ChestCtSpec.multiFrameBuilder().seed(5).noduleCount(1).build();
        PhantomResult written = Phantoms.writeMultiFrame(folder.resolve("mf"), spec);
        assertThat(written.dicomFiles()).hasSize(1);
        try (Volume volume = load(written.directory(), new PixelCache(1L << 30), 0)) {
            assertThat(volume.plan().isVolume()).isTrue();
            assertGeometry(volume.geometry(), Phantoms.renderChestCt(spec).grid());
            assertValues(volume, Phantoms.renderChestCt(spec));
        }
    }

    @Test
    void sagittalMrRoundTrips() throws Exception {
        HeadMrSpec spec = HeadMrSpec.builder().seed(3).size(Size.of(64, 64, 30)).build();
        PhantomResult written = Phantoms.writeMrSeries(folder.resolve("mr"), spec);
        try (Volume volume = load(written.directory(), new PixelCache(1L << 30), 0)) {
            assertThat(volume.plan().isVolume()).isTrue();
            PhantomVolume truth = Phantoms.renderHeadMr(spec);
            assertGeometry(volume.geometry(), truth.grid());
            assertValues(volume, truth);
        }
    }

    @Test
    void slicesNearTheFocusArriveFirst() throws Exception {
        PhantomResult written = Phantoms.writeChestCt(folder.resolve("focus"), smallChest().noduleCount(0).build());
        StackPlan plan = plan(written.directory());
        SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 30));
        try (Volume volume = loader.open(plan)) {
            List<Integer> order = new CopyOnWriteArrayList<>();
            volume.addListener((v, k) -> order.add(k));
            new SyncTaskRunner().submit(loader.loadTask(volume, 30)).join();
            assertThat(order).hasSize(48);
            assertThat(Math.abs(order.getFirst() - 30)).isLessThanOrEqualTo(1);
            assertThat(volume.loadedCount()).isEqualTo(48);
        }
    }

    @Test
    void aBudgetSmallerThanTheVolumeEvictsAndReloadsTransparently() throws Exception {
        ChestCtSpec spec = smallChest().noduleCount(0).build();
        PhantomResult written = Phantoms.writeChestCt(folder.resolve("budget"), spec);
        long sliceBytes = 96L * 96 * 2;
        PixelCache cache = new PixelCache(sliceBytes * 5);
        try (Volume volume = load(written.directory(), cache, 0)) {
            assertThat(cache.usedBytes()).isLessThanOrEqualTo(cache.budgetBytes());
            assertThat(cache.evictions()).isGreaterThan(0);
            assertValues(volume, Phantoms.renderChestCt(spec));
        }
    }

    @Test
    void loadingCanBeCancelled() throws Exception {
        PhantomResult written = Phantoms.writeChestCt(folder.resolve("cancel"), smallChest().noduleCount(0).build());
        SeriesLoader loader = new SeriesLoader(pools.decode(), 1, new PixelCache(1L << 30));
        try (Volume volume = loader.open(plan(written.directory()))) {
            BackgroundTask<Volume> task = loader.loadTask(volume, 0);
            TaskHandle<?>[] handle = new TaskHandle<?>[1];
            TaskListener cancelAfterFirst = new TaskListener() {
                @Override
                public void progress(String name, long done, long total) {
                    handle[0].cancel();
                }
            };
            handle[0] = new ExecutorTaskRunner(pools.io(), cancelAfterFirst).submit(task);
            assertThatThrownBy(handle[0]::join).isInstanceOf(TaskCancelledException.class);
            assertThat(volume.loadedCount()).isLessThan(48);
        }
    }

    private Volume load(Path dir, PixelCache cache, int focus) throws Exception {
        SeriesLoader loader = new SeriesLoader(pools.decode(), 2, cache);
        Volume volume = loader.open(plan(dir));
        new SyncTaskRunner().submit(loader.loadTask(volume, focus)).join();
        assertThat(volume.failures()).isEmpty();
        return volume;
    }

    private StackPlan plan(Path dir) throws Exception {
        DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(dir), TaskContext.none());
        // The ground truth beside the DICOM files is reported as not DICOM, and nothing else is.
        assertThat(index.problems()).allMatch(p -> p.file().endsWith("ground-truth.json") || p.file().endsWith("labels.nii.gz"));
        assertThat(index.allSeries()).hasSize(1);
        return new StackPlanner().plan(index.allSeries().getFirst());
    }

    private static void assertGeometry(VolumeGeometry actual, VoxelGrid expected) {
        assertThat(actual.columns()).isEqualTo(expected.size().columns());
        assertThat(actual.rows()).isEqualTo(expected.size().rows());
        assertThat(actual.slices()).isEqualTo(expected.size().slices());
        assertThat(actual.origin().distance(expected.origin())).isLessThan(1e-3);
        assertThat(actual.columnSpacing()).isCloseTo(expected.columnSpacingMm(), within(1e-6));
        assertThat(actual.rowSpacing()).isCloseTo(expected.rowSpacingMm(), within(1e-6));
        assertThat(actual.sliceStep().distance(expected.sliceStep())).isLessThan(1e-4);
        for (int[] v : new int[][] {{0, 0, 0}, {5, 17, 9}, {expected.size().columns() - 1, expected.size().rows() - 1, expected.size().slices() - 1}}) {
            assertThat(actual.toPatient(v[0], v[1], v[2]).distance(expected.voxelCentre(v[0], v[1], v[2]))).isLessThan(1e-3);
        }
    }

    private static void assertValues(Volume volume, PhantomVolume truth) throws Exception {
        VolumeGeometry g = volume.geometry();
        for (int k = 0; k < g.slices(); k++) {
            var slice = volume.slice(k);
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    if (slice.value(i, j) != truth.value(i, j, k)) {
                        throw new AssertionError("voxel (" + i + "," + j + "," + k + ") is " + slice.value(i, j)
                                + ", the phantom says " + truth.value(i, j, k));
                    }
                }
            }
        }
    }
}
