// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.NewAiRun;
import org.lumen.annotation.catalog.NewFinding;
import org.lumen.annotation.exchange.ImportedReport;
import org.lumen.annotation.exchange.ReportGroup;
import org.lumen.annotation.exchange.ReportGroups;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;

/**
 * A 2D model's findings in a TID 1500 report: on the enhanced (multi-frame) chest phantom, a 2D run recorded as
 * {@code ImageRunRecords} records one (centre = column × spacing, row × spacing, image index; {@code parameters.images[]}
 * naming each index's SOP Instance UID and 0-based frame) must come out as SCOORDs in the pixels of the frame it was
 * found on, selected from that image and frame, while a 3D run on the same series keeps its SCOORD3D and a 2D run
 * recorded before the images were named by index keeps its values without a region. Checked with dciodvfy, dsrdump,
 * pydicom and Lumen's own reader.
 */
class ImageFindingReportTest {

    private static final ChestCtSpec SPEC = ChestCtSpec.builder().seed(33).size(Size.of(48, 40, 8)).pixelSpacingMm(7.5)
            .sliceSpacingMm(6).noduleCount(1).noduleDiameterMm(18, 22).build();
    /** The box finding: centre and box on frame 4 (image index 3) in the run's pixels (centres at whole numbers). */
    private static final double[] BOX_CENTRE = {20.25, 14.5};
    private static final double[] BOX = {17.25, 12.5, 23.25, 16.5};
    /** The point finding (a box of no size) on frame 7 (image index 6). */
    private static final double[] POINT_CENTRE = {30, 10};

    @TempDir
    static Path dir;
    private static Pools pools;
    private static Catalog catalog;
    private static SourceSeries source;
    private static List<ReportGroup> groups;
    private static Path sr;

    @BeforeAll
    static void writeReport() throws Exception {
        pools = new Pools(2);
        PhantomResult written = Phantoms.writeMultiFrame(dir.resolve("ct"), SPEC);
        DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(written.directory()), TaskContext.none());
        StackPlan plan = new StackPlanner().plan(index.allSeries().getFirst());
        source = SourceSeries.of(plan);
        assertThat(source.slices()).as("one multi-frame object").extracting(s -> s.sopInstanceUid()).containsOnly(uid());
        catalog = Catalog.open(dir.resolve("catalog.sqlite"));
        catalog.studies().upsert(index, "test");
        double cs = source.columnSpacing();
        double rs = source.rowSpacing();

        StringBuilder images = new StringBuilder();
        for (int k = 0; k < source.slices().size(); k++) {
            images.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"imageUid\":\"%s\",\"frame\":%d,\"image\":%d}", uid(), k, k));
        }
        String parameters = "{\"dimensions\":2,\"centreZ\":\"image index in the series\",\"images\":[" + images + "]}";
        catalog.aiRuns().record(new NewAiRun(source.seriesInstanceUid(), "lumen/demo-2d", "1.0.0", "cd".repeat(32), "cpu", parameters,
                Map.of(), null, List.of(
                        new NewFinding(1, 0.8, "mass", new Vec3(BOX_CENTRE[0] * cs, BOX_CENTRE[1] * rs, 3),
                                new Vec3((BOX[2] - BOX[0]) * cs, (BOX[3] - BOX[1]) * rs, 0), null),
                        new NewFinding(2, 0.6, "mass", new Vec3(POINT_CENTRE[0] * cs, POINT_CENTRE[1] * rs, 6), new Vec3(0, 0, 0), null)),
                null));
        // Recorded before dcc7962: images[] without frame or index, so no finding can be put on an image.
        catalog.aiRuns().record(new NewAiRun(source.seriesInstanceUid(), "lumen/demo-2d", "0.9.0", "ef".repeat(32), "cpu",
                "{\"dimensions\":2,\"images\":[{\"imageUid\":\"" + uid() + "\"}]}", Map.of(), null,
                List.of(new NewFinding(1, 0.7, "mass", new Vec3(100, 80, 2), new Vec3(30, 30, 0), null)), null));
        Vec3 nodule = written.nodules().getFirst().center();
        catalog.aiRuns().record(new NewAiRun(source.seriesInstanceUid(), "lumen/lung-nodule-det", "2.1.0", "ab".repeat(32), "cpu", "{}",
                Map.of(), null, List.of(new NewFinding(1, 0.9, "nodule", nodule, new Vec3(20, 20, 20), 4000.0)), null));

        groups = ReportGroups.ofSeries(catalog, source.seriesInstanceUid(), source.frameOfReferenceUid(), null,
                ReportGroups.RunImages.of(plan, UnaryOperator.identity()));
        sr = dir.resolve("report.dcm");
        MeasurementReportExport.write(source, groups, new MeasurementReportExport.Description("Lumen findings", 901, "Reader^Rita",
                MeasurementReportExport.Description.CT, "0.1.0"), sr);
    }

    @AfterAll
    static void close() {
        catalog.close();
        pools.close();
    }

    private static String uid() {
        return source == null ? null : source.slices().getFirst().sopInstanceUid();
    }

    private static ReportGroup group(String model, int rank) {
        return groups.stream().filter(g -> g.model().name().equals(model) && g.trackingId().endsWith(" " + rank)
                && (!model.equals("lumen/demo-2d") || g.model().version().equals("1.0.0"))).findFirst().orElseThrow();
    }

    @Test
    void twoDimensionalFindingsLieOnTheirFramesInPixels() {
        ReportGroup box = group("lumen/demo-2d", 1);
        assertThat(box.image().sopInstanceUid()).isEqualTo(uid());
        assertThat(box.image().frameNumber()).isEqualTo(4);
        assertThat(box.frameOfReferenceUid()).isNull();
        assertThat(box.region().graphicType()).isEqualTo("POLYLINE");
        // SR pixel coordinates put the top left pixel's centre at (0.5, 0.5); the run's at (0, 0).
        assertThat(box.region().points()).containsExactly(new Vec3(17.75, 13, 0), new Vec3(23.75, 13, 0), new Vec3(23.75, 17, 0),
                new Vec3(17.75, 17, 0), new Vec3(17.75, 13, 0));
        ReportGroup point = group("lumen/demo-2d", 2);
        assertThat(point.image().frameNumber()).isEqualTo(7);
        assertThat(point.region().graphicType()).isEqualTo("POINT");
        assertThat(point.region().points()).containsExactly(new Vec3(30.5, 10.5, 0));
        ReportGroup old = groups.stream().filter(g -> g.model().version().equals("0.9.0")).findFirst().orElseThrow();
        assertThat(old.region()).as("a run recorded without its images' indices is not placed").isNull();
        assertThat(old.image()).isNull();
        assertThat(old.values()).isNotEmpty();
        ReportGroup threeD = group("lumen/lung-nodule-det", 1);
        assertThat(threeD.image()).isNull();
        assertThat(threeD.region().graphicType()).isEqualTo("ELLIPSOID");
        assertThat(threeD.frameOfReferenceUid()).isEqualTo(source.frameOfReferenceUid());
    }

    @Test
    void readsBackAsImageAndPatientCoordinates() throws Exception {
        ImportedReport report = MeasurementReportImport.read(sr);
        assertThat(report.groups()).hasSize(4);
        ImportedReport.Region box = regionOf(report, group("lumen/demo-2d", 1));
        assertThat(box.valueType()).isEqualTo("SCOORD");
        assertThat(box.graphicType()).isEqualTo("POLYLINE");
        assertThat(box.referencedSopInstanceUid()).isEqualTo(uid());
        assertThat(box.coordinates()).containsExactly(new double[] {17.75, 13, 23.75, 13, 23.75, 17, 17.75, 17, 17.75, 13}, within(1e-5));
        ImportedReport.Region nodule = regionOf(report, group("lumen/lung-nodule-det", 1));
        assertThat(nodule.valueType()).isEqualTo("SCOORD3D");
        assertThat(nodule.frameOfReferenceUid()).isEqualTo(source.frameOfReferenceUid());
        ReportGroup old = groups.stream().filter(g -> g.model().version().equals("0.9.0")).findFirst().orElseThrow();
        assertThat(report.groups().stream().filter(g -> g.trackingUid().equals(old.trackingUid())).findFirst().orElseThrow().regions())
                .isEmpty();
    }

    @Test
    void dciodvfyFindsNoError() throws Exception {
        ExternalTools.assumeInstalled("dciodvfy");
        ExternalTools.Output out = ExternalTools.dciodvfy(sr);
        System.out.println("dciodvfy on the SR with 2D findings:\n" + out.text());
        assertThat(out.linesStartingWith("Error")).isEmpty();
    }

    @Test
    void pixelmedsSrValidatorFindsNoError() throws Exception {
        com.pixelmed.dicom.AttributeList list = new com.pixelmed.dicom.AttributeList();
        list.read(sr.toFile());
        String result = new com.pixelmed.validate.DicomSRValidator().validate(list);
        System.out.println("PixelMed DicomSRValidator on the SR with 2D findings:\n" + result);
        // This report names three models; PixelMed counts TID 1004's rows over all device observers of the root
        // together ("found 3 content items but expected 1"), which the one-model report elsewhere does not meet.
        // Any other error (the SCOORDs, their image references, TID 1410) fails.
        assertThat(result.lines().filter(l -> l.startsWith("Error"))
                .filter(l -> !(l.contains("Template 1004 DeviceObserverIdentifyingAttributes") && l.contains("found 3 content items but expected 1"))))
                .isEmpty();
    }

    @Test
    void dsrdumpShowsTheImageCoordinatesWithTheirImageAndFrame() throws Exception {
        ExternalTools.assumeInstalled("dsrdump");
        ExternalTools.Output out = ExternalTools.run("dsrdump", "+Pu", sr.toString());
        System.out.println("dsrdump on the SR with 2D findings:\n" + out.text());
        assertThat(out.exit()).as(out.text()).isZero();
        assertThat(out.text().toLowerCase(Locale.ROOT)).doesNotContain("error");
        List<String> lines = out.text().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("SCOORD:", "POLYLINE"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("SCOORD:", "POINT"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("SCOORD3D:", "ELLIPSOID"));
        // The image reference names the multi-frame object and the 1-based frame each finding was found on.
        assertThat(lines).anySatisfy(l -> assertThat(l.trim()).startsWith("<selected from IMAGE:").endsWith("\"" + uid() + "\",4)>"));
        assertThat(lines).anySatisfy(l -> assertThat(l.trim()).startsWith("<selected from IMAGE:").endsWith("\"" + uid() + "\",7)>"));
    }

    @Test
    void pydicomReadsTheFindingsPixelCentresOnTheirFrames() throws Exception {
        ExternalTools.assumePydicom();
        String script = String.join("\n",
                "import sys, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "def walk(items):",
                "    for it in items:",
                "        if it.get('ValueType') == 'SCOORD':",
                "            ref = it.ContentSequence[0]",
                "            assert ref.RelationshipType == 'SELECTED FROM' and ref.ValueType == 'IMAGE'",
                "            sop = ref.ReferencedSOPSequence[0]",
                "            pts = [float(v) for v in it.GraphicData]",
                "            xs, ys = pts[0::2], pts[1::2]",
                "            if it.GraphicType == 'POLYLINE':",
                "                xs, ys = xs[:-1], ys[:-1]",
                "            cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)",
                "            print(it.GraphicType, sop.ReferencedSOPInstanceUID, int(sop.get('ReferencedFrameNumber', 0)),",
                "                  '%.3f %.3f' % (cx, cy))",
                "        elif it.get('ValueType') == 'SCOORD3D':",
                "            print(it.GraphicType, it.ReferencedFrameOfReferenceUID)",
                "        if 'ContentSequence' in it and it.get('ValueType') != 'SCOORD':",
                "            walk(it.ContentSequence)",
                "walk(ds.ContentSequence)");
        ExternalTools.Output out = ExternalTools.python(script, sr.toString());
        assertThat(out.exit()).as(out.text()).isZero();
        // Each 2D finding's pixel centre (run's convention + 0.5, the SR's) on its 1-based frame.
        assertThat(out.text().lines().toList()).containsExactlyInAnyOrder(
                String.format(Locale.ROOT, "POLYLINE %s 4 %.3f %.3f", uid(), BOX_CENTRE[0] + 0.5, BOX_CENTRE[1] + 0.5),
                String.format(Locale.ROOT, "POINT %s 7 %.3f %.3f", uid(), POINT_CENTRE[0] + 0.5, POINT_CENTRE[1] + 0.5),
                "ELLIPSOID " + source.frameOfReferenceUid());
    }

    private static ImportedReport.Region regionOf(ImportedReport report, ReportGroup written) {
        return report.groups().stream().filter(g -> g.trackingUid().equals(written.trackingUid())).findFirst().orElseThrow()
                .regions().getFirst();
    }
}
