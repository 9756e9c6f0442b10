// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.source.FolderSource;

/** Stacking real series: sorted along the normal, tilt kept exact, gaps and repeats reported. */
class StackPlannerTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final StackPlanner planner = new StackPlanner();

    @TempDir
    Path folder;

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void regularAxialCtIsAVolumeSortedAlongTheNormal() throws Exception {
        StackPlan plan = planner.plan(onlySeries(Samples.file("ct_series/philips_phantom_std_brain_1mm")));
        assertThat(plan.isVolume()).isTrue();
        assertThat(plan.sliceCount()).isEqualTo(30);
        assertThat(plan.sliceSpacing()).isCloseTo(1.0, within(1e-6));
        assertThat(plan.notes()).isEmpty();
        Vec3 normal = plan.geometry().normal();
        for (int k = 1; k < plan.sliceCount(); k++) {
            double previous = plan.frames().get(k - 1).plane().position().dot(normal);
            assertThat(plan.frames().get(k).plane().position().dot(normal)).isGreaterThan(previous);
        }
    }

    @Test
    void gantryTiltIsKeptAsAShearNotMisStacked() throws Exception {
        StackPlan plan = planner.plan(onlySeries(Samples.file("ct_series/philips_phantom_tilted")));
        assertThat(plan.isVolume()).isTrue();
        VolumeGeometry g = plan.geometry();
        assertThat(g.shearDegrees()).isCloseTo(18.5, within(0.1));
        assertThat(g.sliceStep().length()).isCloseTo(2.5, within(1e-3));
        assertThat(g.sliceSpacing()).isCloseTo(2.5 * Math.cos(Math.toRadians(18.5)), within(0.01));
        assertThat(plan.notes()).anyMatch(n -> n.contains("gantry tilt"));
        // Every slice's first voxel is where its own header puts it.
        for (int k = 0; k < plan.sliceCount(); k++) {
            assertThat(g.slicePosition(k).distance(plan.frames().get(k).plane().position())).isLessThan(0.05);
        }
    }

    @Test
    void aMissingSliceIsReportedAndTheStackIsAnIrregularVolumeAtTruePositions() throws Exception {
        Path copy = Files.createDirectories(folder.resolve("gap"));
        try (var files = Files.list(Samples.file("ct_series/philips_phantom_std_brain_1mm"))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("I700")) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        StackPlan plan = planner.plan(onlySeries(copy));
        assertThat(plan.sliceCount()).isEqualTo(29);
        assertThat(plan.isVolume()).isTrue();
        assertThat(plan.isRegular()).isFalse();
        assertThat(plan.sliceSpacing()).isNull();
        assertThat(plan.notes()).anyMatch(n -> n.contains("1 missing slice") && n.contains("interpolate across the gaps"))
                .noneMatch(n -> n.contains("not as a volume"));
        VolumeGeometry g = plan.geometry();
        assertThat(g.minSliceGap()).isCloseTo(1.0, within(1e-3));
        assertThat(g.maxSliceGap()).isCloseTo(2.0, within(1e-3));
        // Every slice sits at its own header's position, and the uniform grid spans the true extent in 1 mm steps.
        for (int k = 0; k < plan.sliceCount(); k++) {
            Vec3 header = plan.frames().get(k).plane().position();
            assertThat(g.slicePosition(k).distance(header)).isLessThan(1e-6);
            assertThat(g.toPatient(0, 0, k).distance(header)).isLessThan(1e-6);
        }
        assertThat(g.uniform().slices()).isEqualTo(30);
        assertThat(g.uniform().sliceSpacing()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void repeatedTimePointsKeepOneFramePerPosition() throws Exception {
        StackPlan plan = planner.plan(onlySeries(Samples.file("multiframe/siemens_xa10_enhanced_mr")));
        assertThat(plan.sliceCount()).isEqualTo(6);
        assertThat(plan.isVolume()).isTrue();
        assertThat(plan.notes()).anyMatch(n -> n.contains("4 frames at each of 6 positions"));
    }

    @Test
    void enhancedMultiFrameUsesPerFramePositions() throws Exception {
        Path single = Files.createDirectories(folder.resolve("ect"));
        Files.copy(Samples.file("multiframe/eCT_Supplemental.dcm"), single.resolve("eCT_Supplemental.dcm"));
        StackPlan plan = planner.plan(onlySeries(single));
        assertThat(plan.sliceCount()).isEqualTo(2);
        assertThat(plan.frames()).allMatch(f -> f.plane().hasPositionAndOrientation());
        assertThat(plan.isVolume()).isTrue();
    }

    @Test
    void multiFrameWithoutPositionsIsAStackInFrameOrder() throws Exception {
        Path single = Files.createDirectories(folder.resolve("emri"));
        Files.copy(Samples.file("multiframe/emri_small.dcm"), single.resolve("emri_small.dcm"));
        StackPlan plan = planner.plan(onlySeries(single));
        assertThat(plan.sliceCount()).isEqualTo(10);
        assertThat(plan.isVolume()).isFalse();
        assertThat(plan.frames()).extracting(FrameRef::frame).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(plan.notes()).anyMatch(n -> n.contains("no image position"));
    }

    @Test
    void rtDoseFramesStackByGridFrameOffsets() throws Exception {
        Path single = Files.createDirectories(folder.resolve("dose"));
        Files.copy(Samples.file("multiframe/rtdose.dcm"), single.resolve("rtdose.dcm"));
        StackPlan plan = planner.plan(onlySeries(single));
        assertThat(plan.sliceCount()).isEqualTo(15);
        assertThat(plan.isVolume()).isTrue();
    }

    private Series onlySeries(Path dir) throws Exception {
        DicomIndex index = new Indexer(pool, 2).index(new FolderSource(dir), TaskContext.none());
        assertThat(index.allSeries()).hasSize(1);
        return index.allSeries().getFirst();
    }
}
