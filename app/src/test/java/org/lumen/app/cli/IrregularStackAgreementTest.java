// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.grid.StoredSlices;
import org.lumen.aiassist.grid.VolumeSeriesInput;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.task.TaskContext;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.TiltedStackSpec;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.nifti.NiftiImage;
import org.lumen.viewer.nifti.NiftiReader;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.PlaneSampler;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * A GE-like head CT written as DICOM (gantry tilt 18.5°, 4 mm gaps for 14 slices then 7 mm) with a
 * marker sphere at a known patient point: the stack, the coronal and sagittal reformats, the model's
 * heatmap (on the series' slices and in the CLI's NIfTI) and the findings all put the marker where it is.
 * The old uniform 4 mm grid without shear put the 7 mm part up to 60 mm away.
 */
class IrregularStackAgreementTest {

    private static final TiltedStackSpec SPEC = TiltedStackSpec.fourThenSevenMm();
    private static final Vec3 MARKER = SPEC.markerCentre();
    /** Marker voxels: halfway between the marker (40 HU) and the background (−850 HU). */
    private static final double MARKER_HALF = -405;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static Path series;
    private static StackPlan plan;
    private static Volume volume;

    @BeforeAll
    static void writeAndLoad() throws Exception {
        series = tmp.resolve("tilted");
        Phantoms.writeTiltedIrregularCt(series, SPEC);
        var index = new Indexer(POOL, 2).index(new FolderSource(series), TaskContext.none());
        plan = new StackPlanner().plan(index.allSeries().getFirst());
        SeriesLoader loader = new SeriesLoader(POOL, 2, new PixelCache(64L << 20));
        volume = loader.open(plan);
        loader.loadTask(volume, 0).run(TaskContext.none());
    }

    @AfterAll
    static void stop() throws Exception {
        volume.close();
        POOL.shutdownNow();
        POOL.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void theStackIsAVolumeAtItsTruePositionsAndSaysItIsIrregular() {
        assertThat(plan.sliceCount()).isEqualTo(26);
        assertThat(plan.isVolume()).isTrue();
        assertThat(plan.isRegular()).isFalse();
        assertThat(plan.sliceSpacing()).isNull();
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("irregular slice spacing (4.00 to 7.00 mm)"))
                .anyMatch(n -> n.startsWith("gantry tilt 18.5°")).noneMatch(n -> n.contains("not as a volume"));
        VolumeGeometry g = plan.geometry();
        assertThat(g.shearDegrees()).isCloseTo(18.5, within(0.01));
        assertThat(g.describeSpacing()).isEqualTo("4.00–7.00 mm (irregular)");
        for (int k = 0; k < plan.sliceCount(); k++) {
            assertThat(g.slicePosition(k).distance(SPEC.slicePosition(k))).isLessThan(1e-3);
        }
    }

    @Test
    void theStoredSlicesPutTheMarkerAtItsPatientPosition() throws Exception {
        VolumeGeometry g = volume.geometry();
        Centroid c = new Centroid();
        for (int k = 0; k < volume.sliceCount(); k++) {
            VoxelSlice s = volume.slice(k);
            for (int j = 0; j < s.rows(); j++) {
                for (int i = 0; i < s.columns(); i++) {
                    if (s.value(i, j) > MARKER_HALF) {
                        c.add(g.toPatient(i, j, k), 1);
                    }
                }
            }
        }
        assertThat(c.centre().distance(MARKER)).as("marker centroid %s", c.centre()).isLessThan(1.5);
        // And the marker's own point maps to a voxel inside it, and back to itself.
        double[] v = g.toVoxel(MARKER);
        assertThat(g.toPatient(v[0], v[1], v[2]).distance(MARKER)).isLessThan(1e-9);
        assertThat(volume.slice((int) Math.round(v[2])).value((int) Math.round(v[0]), (int) Math.round(v[1]))).isEqualTo(40);
    }

    @Test
    void theCoronalAndSagittalReformatsPutTheMarkerAtItsPatientPosition() {
        VolumeGeometry g = volume.geometry();
        for (PlaneAxis axis : new PlaneAxis[] {PlaneAxis.ROWS, PlaneAxis.COLUMNS}) {
            ViewPlane plane = ViewPlane.of(g, axis);
            assertThat(plane.resamplesSlices()).isTrue();
            // The slice axis spans the true 136 mm extent in even 4 mm steps (not 25 × 4 = 100 mm).
            int along = plane.yAxis() == 2 ? plane.height() : plane.width();
            assertThat(along).isEqualTo(35);
            assertThat(plane.yAxis() == 2 ? plane.pixelHeightMm() : plane.pixelWidthMm())
                    .isCloseTo(4 / Math.cos(Math.toRadians(18.5)), within(1e-6));
            int n = plane.nearestIndex(MARKER);
            double[] p = plane.toPlane(MARKER);
            VoxelSlice image = new PlaneSampler(volume, plane).sample(n, 1);
            assertThat(image.value((int) Math.round(p[0]), (int) Math.round(p[1]))).as("%s at the marker", axis).isEqualTo(40);
            Centroid c = new Centroid();
            for (int y = 0; y < plane.height(); y++) {
                for (int x = 0; x < plane.width(); x++) {
                    if (image.value(x, y) > MARKER_HALF) {
                        c.add(plane.toPatient(x, y, n), 1);
                    }
                }
            }
            // The plane passes within half a pixel (1.5 mm) of the marker's centre.
            assertThat(c.centre().distance(MARKER)).as("%s marker centroid %s", axis, c.centre()).isLessThan(2.5);
            // The first and last rows of the slice axis are the first and last stored slices.
            double[] first = plane.toVoxel(p[0], p[1], n);
            first[2] = 0;
            assertThat(plane.toPlane(g.toPatient(first[0], first[1], g.slices() - 1))[plane.yAxis() == 2 ? 1 : 0])
                    .isCloseTo(plane.flipY() && plane.yAxis() == 2 || plane.flipX() && plane.xAxis() == 2 ? 0 : along - 1, within(1e-6));
        }
    }

    @Test
    void theModelsHeatmapAndFindingsPutTheMarkerAtItsPatientPosition() throws Exception {
        var demo = new ModelPackageReader(tmp.resolve("unpacked")).read(DemoModel.ensure(tmp.resolve("demo")));
        VolumeSeriesInput input = new VolumeSeriesInput(volume);
        assertThat(input.grid().nz()).isEqualTo(35);
        assertThat(input.grid().spacing(2)).isCloseTo(4 / Math.cos(Math.toRadians(18.5)), within(1e-6));
        InferenceResult result = new InferenceEngine(null, null)
                .run(input, demo, InferenceRequest.defaults().withDevice(DeviceRequest.CPU), TaskContext.none());

        Finding top = result.findings().getFirst();
        assertThat(top.centerMm().distance(MARKER)).as("top finding %s", top.centerMm()).isLessThan(3);
        // On the series' own slices (what the viewer draws and labels are painted on), slice by slice at their true positions.
        VolumeGeometry g = volume.geometry();
        IntFunction<float[]> onSlices = StoredSlices.of(result.heatmaps().getFirst().volume(), g);
        Centroid c = new Centroid();
        for (int k = 0; k < g.slices(); k++) {
            float[] s = onSlices.apply(k);
            for (int p = 0; s != null && p < s.length; p++) {
                if (s[p] > 0.5f) {
                    c.add(g.toPatient(p % g.columns(), p / g.columns(), k), s[p]);
                }
            }
        }
        assertThat(c.weight).isPositive();
        assertThat(c.centre().distance(MARKER)).as("heatmap on the stored slices %s", c.centre()).isLessThan(3);
    }

    @Test
    void infoAndTheNiftiHeatmapOfTheCommandLineAgree() throws Exception {
        CliRun info = lumen("info", "--json", series.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode s = JSON.readTree(info.out()).get("studies").get(0).get("series").get(0);
        assertThat(s.get("gantryTiltDegrees").asDouble()).isCloseTo(18.5, within(0.05));
        assertThat(s.get("isVolume").asBoolean()).isTrue();
        assertThat(s.get("isRegular").asBoolean()).isFalse();
        assertThat(s.get("sliceSpacing").isNull()).isTrue();
        assertThat(s.get("sliceGapsMm").get(0).asDouble()).isCloseTo(4, within(1e-3));
        assertThat(s.get("sliceGapsMm").get(1).asDouble()).isCloseTo(7, within(1e-3));

        Path out = tmp.resolve("infer");
        // The demo model needs a regular volume: refused first, then run on insistence and marked.
        CliRun refused = lumen("infer", series.toString(), "--model", "demo", "--out", out.toString(), "--no-cache");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
        assertThat(refused.err()).contains("do not form a regular volume (slice gaps 4.00–7.00 mm (irregular)");
        CliRun run = lumen("infer", series.toString(), "--model", "demo", "--out", out.toString(), "--no-cache",
                "--outside-intended-use");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("[outside intended use]");
        assertThat(run.out()).contains("not evenly spaced (4.00–7.00 mm (irregular))").contains("4.00 mm grid over their true positions");
        assertThat(JSON.readTree(out.resolve("findings.json").toFile()).get("gridNote").asText()).contains("a NIfTI affine cannot hold");

        NiftiImage heatmap = new NiftiReader().read(out.resolve("heatmap.nii.gz"));
        NiftiGeometry g = heatmap.header().geometry();
        assertThat(new int[] {g.nx(), g.ny(), g.nz()}).containsExactly(64, 64, 35);
        // The tilt's shear is in the affine, and the uniform slices start and end at the true first and last slices.
        assertThat(Math.toDegrees(Math.acos(g.kStep().normalized().z()))).isCloseTo(18.5, within(0.01));
        assertThat(g.voxelCentre(0, 0, 0).distance(SPEC.slicePosition(0))).isLessThan(1e-3);
        assertThat(g.voxelCentre(0, 0, 34).distance(SPEC.slicePosition(25))).isLessThan(1e-3);
        Centroid c = new Centroid();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    float v = heatmap.float32(heatmap.index(i, j, k));
                    if (v > 0.5f) {
                        c.add(g.voxelCentre(i, j, k), v);
                    }
                }
            }
        }
        assertThat(c.centre().distance(MARKER)).as("NIfTI heatmap centroid %s", c.centre()).isLessThan(3);
        NibabelCheck.ifAvailable(out.resolve("heatmap.nii.gz"), MARKER, 3);
    }

    /** A weighted mean of patient points. */
    private static final class Centroid {
        double x;
        double y;
        double z;
        double weight;

        void add(Vec3 p, double w) {
            x += p.x() * w;
            y += p.y() * w;
            z += p.z() * w;
            weight += w;
        }

        Vec3 centre() {
            return new Vec3(x / weight, y / weight, z / weight);
        }
    }
}
