// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.validate.DicomSRValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.AiRun;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.catalog.DecisionKind;
import org.lumen.annotation.catalog.Finding;
import org.lumen.annotation.catalog.NewAiRun;
import org.lumen.annotation.catalog.NewFinding;
import org.lumen.annotation.catalog.StoredMeasurement;
import org.lumen.annotation.exchange.ImportedReport;
import org.lumen.annotation.exchange.LumenCodes;
import org.lumen.annotation.exchange.ReportGroup;
import org.lumen.annotation.exchange.ReportGroups;
import org.lumen.annotation.exchange.ReportedValue;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.measure.AngleMeasurement;
import org.lumen.viewer.measure.EllipseRoi;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.RectangleRoi;
import org.lumen.viewer.measure.RoiStats;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.StackPlanner;

/**
 * A TID 1500 report of the chest phantom: two AI findings from a recorded run (one accepted, one
 * rejected with a comment, both decided by a person in the catalog) and five measurements kept in the
 * catalog (one without a frame of reference, as on a radiograph). It must pass dciodvfy, dsrdump and PixelMed's SR validator, and read back to the same values.
 */
class MeasurementReportExportTest {

    private static final ChestCtSpec SPEC = ChestCtSpec.builder().seed(21).size(Size.of(48, 40, 10)).pixelSpacingMm(7.5)
            .sliceSpacingMm(6).noduleCount(2).noduleDiameterMm(18, 24).build();
    private static final Code NODULE = new Code("SCT", "27925004", "Nodule");

    @TempDir
    static Path dir;
    private static Pools pools;
    private static Catalog catalog;
    private static SourceSeries source;
    private static List<ReportGroup> groups;
    private static AiRun run;
    private static Path sr;

    @BeforeAll
    static void writeReport() throws Exception {
        pools = new Pools(2);
        PhantomResult written = Phantoms.writeChestCt(dir.resolve("ct"), SPEC);
        DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(written.directory()), TaskContext.none());
        source = SourceSeries.of(new StackPlanner().plan(index.allSeries().getFirst()));
        catalog = Catalog.open(dir.resolve("catalog.sqlite"));
        catalog.studies().upsert(index, "test");
        long reader = catalog.people().ensure("Reader^Rita", false, true).id();

        List<NewFinding> findings = new ArrayList<>();
        for (Nodule n : written.nodules()) {
            double d = n.diameterMm();
            findings.add(new NewFinding(findings.size() + 1, 0.9 - 0.2 * findings.size(), "nodule", n.center(), new Vec3(d, d, d),
                    Math.PI / 6 * d * d * d));
        }
        run = catalog.aiRuns().record(new NewAiRun(source.seriesInstanceUid(), "lumen/lung-nodule-det", "2.1.0", "ab".repeat(32), "cpu",
                "{}", Map.of(), null, findings, null));
        catalog.aiRuns().decide(run.findings().get(0).id(), DecisionKind.ACCEPT, reader, null, null);
        catalog.aiRuns().decide(run.findings().get(1).id(), DecisionKind.REJECT, reader, "vessel, not a nodule", null);

        String frame = source.frameOfReferenceUid();
        String series = source.seriesInstanceUid();
        Vec3 c = written.nodules().getFirst().center();
        Vec3 right = new Vec3(1, 0, 0);
        Vec3 down = new Vec3(0, 1, 0);
        EllipseRoi ellipse = EllipseRoi.of(frame, series, c.minus(new Vec3(12, 8, 0)), c.plus(new Vec3(12, 8, 0)), right, down);
        List<Measurement> drawn = List.of(
                LengthMeasurement.of(frame, series, c.minus(new Vec3(10, 0, 0)), c.plus(new Vec3(10, 3, 0))),
                AngleMeasurement.of(frame, series, c.plus(new Vec3(20, 0, 0)), c, c.plus(new Vec3(0, 20, 0))),
                ellipse,
                RectangleRoi.of(frame, series, c.minus(new Vec3(5, 5, 0)), c.plus(new Vec3(15, 9, 0)), right, down),
                // As on a radiograph: no frame of reference, so no patient space for its points.
                LengthMeasurement.of(null, series, c, c.plus(new Vec3(0, 12, 0))));
        for (Measurement m : drawn) {
            catalog.measurements().save(written.studyInstanceUid(), m);
        }
        RoiStats stats = statsInside(ellipse, Phantoms.renderChestCt(SPEC));

        groups = new ArrayList<>();
        for (Finding f : catalog.aiRuns().run(run.id()).orElseThrow().findings()) {
            groups.add(ReportGroups.ofFinding(run, f, NODULE, frame, catalog.aiRuns().latestDecision(f.id()).orElse(null),
                    id -> catalog.people().byId(id).orElseThrow().name()));
        }
        for (StoredMeasurement stored : catalog.measurements().ofStudy(written.studyInstanceUid())) {
            Measurement m = stored.measurement();
            groups.add(ReportGroups.ofMeasurement(m, m instanceof EllipseRoi ? stats : null, ReportedValue.HOUNSFIELD));
        }
        // The catalog's own gathering gives the same groups (stats aside, which only the caller can compute).
        catalog.labelClasses().define(null, "Nodule", "#e04020", org.lumen.annotation.catalog.LabelType.MASK, 9, NODULE);
        List<ReportGroup> gathered = ReportGroups.ofSeries(catalog, source.seriesInstanceUid(), frame, null);
        assertThat(gathered).extracting(ReportGroup::trackingUid).containsExactlyInAnyOrderElementsOf(
                groups.stream().map(ReportGroup::trackingUid).toList());
        assertThat(gathered.stream().filter(g -> g.model() != null)).allSatisfy(g -> assertThat(g.finding()).isEqualTo(NODULE));
        sr = dir.resolve("report.dcm");
        MeasurementReportExport.write(source, groups, new MeasurementReportExport.Description("Lumen measurements", 901, "Reader^Rita",
                MeasurementReportExport.Description.CT, "0.1.0"), sr);
    }

    @AfterAll
    static void close() {
        catalog.close();
        pools.close();
    }

    @Test
    void readsBackTheSameGroupsValuesAndRegions() throws Exception {
        ImportedReport report = MeasurementReportImport.read(sr);
        assertThat(report.templateId()).isEqualTo("1500");
        assertThat(report.title().value()).isEqualTo("126000");
        assertThat(report.groups()).hasSize(7);
        for (ReportGroup written : groups) {
            ImportedReport.Group read = report.groups().stream().filter(g -> written.trackingUid().equals(g.trackingUid()))
                    .findFirst().orElseThrow();
            assertThat(read.trackingId()).isEqualTo(written.trackingId());
            assertThat(read.values()).hasSameSizeAs(written.values());
            for (int i = 0; i < written.values().size(); i++) {
                ReportedValue w = written.values().get(i);
                ImportedReport.Value r = read.values().get(i);
                assertThat(r.concept()).isEqualTo(w.concept());
                assertThat(r.unit()).isEqualTo(w.unit());
                assertThat(r.value()).isCloseTo(w.value(), within(Math.abs(w.value()) * 1e-9 + 1e-9));
            }
            if (written.region() == null) {
                assertThat(read.regions()).isEmpty();
                continue;
            }
            ImportedReport.Region region = read.regions().getFirst();
            assertThat(region.graphicType()).isEqualTo(written.region().graphicType());
            assertThat(region.frameOfReferenceUid()).isEqualTo(source.frameOfReferenceUid());
            for (int p = 0; p < written.region().points().size(); p++) {
                Vec3 point = written.region().points().get(p);
                Vec3 back = new Vec3(region.coordinates()[3 * p], region.coordinates()[3 * p + 1], region.coordinates()[3 * p + 2]);
                assertThat(back.distance(point)).isLessThan(1e-3);
            }
        }
        assertThat(report.observers()).containsExactly(new ImportedReport.Observer(false, "Reader^Rita", null),
                new ImportedReport.Observer(true, "lumen/lung-nodule-det", "sha256:" + "ab".repeat(32)));
        List<ImportedReport.Group> ai = report.groups().stream().filter(g -> g.algorithmName() != null).toList();
        assertThat(ai).hasSize(2);
        assertThat(ai).allSatisfy(g -> {
            assertThat(g.algorithmName()).isEqualTo("lumen/lung-nodule-det");
            assertThat(g.algorithmVersion()).isEqualTo("2.1.0");
            assertThat(g.finding()).isEqualTo(NODULE);
            assertThat(g.evaluations()).singleElement().satisfies(e -> {
                assertThat(e.concept()).isEqualTo(LumenCodes.REVIEW);
                assertThat(e.observerName()).isEqualTo("Reader^Rita");
                assertThat(e.observedAt()).isNotBlank();
            });
        });
        assertThat(ai).extracting(g -> g.evaluations().getFirst().value()).containsExactly(LumenCodes.ACCEPTED, LumenCodes.REJECTED);
    }

    @Test
    void dciodvfyFindsNoError() throws Exception {
        ExternalTools.assumeInstalled("dciodvfy");
        ExternalTools.Output out = ExternalTools.dciodvfy(sr);
        System.out.println("dciodvfy on Lumen's SR:\n" + out.text());
        assertThat(out.linesStartingWith("Error")).isEmpty();
    }

    @Test
    void dsrdumpParsesTheTree() throws Exception {
        ExternalTools.assumeInstalled("dsrdump");
        ExternalTools.Output out = ExternalTools.run("dsrdump", sr.toString());
        assertThat(out.exit()).as(out.text()).isZero();
        assertThat(out.text()).contains("Imaging Measurement Report", "Measurement Group", "Tracking Unique Identifier",
                "lumen/lung-nodule-det", "Hounsfield unit", "Reader^Rita");
        assertThat(out.text().toLowerCase()).doesNotContain("error");
    }

    @Test
    void pixelmedsSrValidatorFindsNoError() throws Exception {
        AttributeList list = new AttributeList();
        list.read(sr.toFile());
        String result = new DicomSRValidator().validate(list);
        System.out.println("PixelMed DicomSRValidator on Lumen's SR:\n" + result);
        assertThat(result.lines().filter(l -> l.startsWith("Error"))).isEmpty();
    }

    /** HU statistics over the voxels of the phantom inside the ellipse on the slice through its centre. */
    private static RoiStats statsInside(EllipseRoi ellipse, PhantomVolume volume) {
        var grid = volume.grid();
        double[] voxel = null;
        int pixels = 0;
        double sum = 0;
        double sumSq = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int k = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int s = 0; s < source.slices().size(); s++) {
            double dz = Math.abs(source.slices().get(s).position().z() - ellipse.center().z());
            if (dz < best) {
                best = dz;
                k = s;
            }
        }
        Vec3 origin = source.slices().get(k).position();
        for (int j = 0; j < source.rows(); j++) {
            for (int i = 0; i < source.columns(); i++) {
                Vec3 p = origin.plus(source.rowDirection().times(i * source.columnSpacing()))
                        .plus(source.columnDirection().times(j * source.rowSpacing()));
                if (ellipse.contains(p)) {
                    double hu = volume.value(i, j, k);
                    pixels++;
                    sum += hu;
                    sumSq += hu * hu;
                    min = Math.min(min, hu);
                    max = Math.max(max, hu);
                }
            }
        }
        assertThat(pixels).as("voxels inside the ellipse of grid %s", grid.size()).isPositive();
        double mean = sum / pixels;
        return new RoiStats(pixels, mean, Math.sqrt(Math.max(0, sumSq / pixels - mean * mean)), min, max, ellipse.areaMm2());
    }
}
