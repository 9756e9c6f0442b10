// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.AiRun;
import org.lumen.annotation.catalog.DecisionKind;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.NewAiRun;
import org.lumen.annotation.catalog.NewFinding;
import org.lumen.annotation.dicom.LeakScanner;
import org.lumen.annotation.dicom.MeasurementReportImport;
import org.lumen.annotation.dicom.SegmentationImport;
import org.lumen.annotation.exchange.ImportedSegmentation;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.task.TaskContext;
import org.lumen.testdata.GroundTruth;
import org.lumen.testdata.PhantomResult;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.StackPlanner;

/**
 * {@code --format dicom}: generated patients de-identified with their labels as SEG and an AI run as SR, checked
 * for leaks against the originals, for references that resolve into the de-identified series, for the same
 * voxels, and by dciodvfy.
 */
class DicomDatasetExportTest {

    @TempDir
    static Path folder;

    private static PhantomCases cases;
    private static ExportSummary summary;
    private static Path out;

    @BeforeAll
    static void export() throws Exception {
        cases = new PhantomCases(folder.resolve("data"), 2);
        // An AI run on the first patient's CT, its first finding accepted by a named reader.
        PhantomResult first = cases.phantoms.getFirst();
        GroundTruth.NoduleTruth nodule = first.groundTruth().nodules().getFirst();
        AiRun run = cases.catalog.aiRuns().record(new NewAiRun(first.seriesInstanceUid(), "lumen-demo-nodules", "1.0.0", "ab".repeat(32),
                "cpu", "{}", Map.of(), null, List.of(new NewFinding(1, 0.93, "nodule", Vec3.of(nodule.centerMm()), new Vec3(8, 8, 8), 270.0))));
        long reader = cases.catalog.people().ensure("Dr Rivera Secretname", false, true).id();
        cases.catalog.aiRuns().decide(run.findings().getFirst().id(), DecisionKind.ACCEPT, reader, null, null);
        record2dRun(cases.phantoms.getLast());
        out = folder.resolve("dicom-out");
        summary = cases.exporter().run(new ExportRequest(PhantomCases.DATASET, ExportFormat.DICOM, out, 7, SplitFractions.defaults(), 501),
                TaskContext.none());
    }

    @AfterAll
    static void close() {
        if (cases != null) {
            cases.close();
        }
    }

    @Test
    void everyCaseIsADeidentifiedSeriesWithItsSegAndNothingOfTheOriginalsIdentityLeaks() throws Exception {
        assertThat(summary.cases()).hasSize(cases.phantoms.size());
        LeakScanner scanner = new LeakScanner();
        for (PhantomResult p : cases.phantoms) {
            try (Stream<Path> files = Files.walk(p.directory())) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".dcm")).toList()) {
                    scanner.learn(f, true, true);
                }
            }
        }
        List<Path> written;
        try (Stream<Path> files = Files.walk(out)) {
            written = files.filter(f -> f.toString().endsWith(".dcm")).toList();
        }
        assertThat(written).isNotEmpty();
        List<LeakScanner.Leak> leaks = new ArrayList<>();
        for (Path f : written) {
            leaks.addAll(scanner.scan(f));
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain("Secretname").doesNotContain("Rivera");
        }
        assertThat(leaks).isEmpty();
        for (ExportedCase c : summary.cases()) {
            assertThat(out.resolve(c.label())).isRegularFile().hasFileName("SEG.dcm");
        }
    }

    @Test
    void theSegReferencesTheDeidentifiedInstancesAndLandsOnTheSameVoxels() throws Exception {
        for (ExportedCase c : summary.cases()) {
            Path images = out.resolve(c.image());
            var index = new Indexer(cases.pools.io(), 2).index(new FolderSource(images), TaskContext.none());
            var plan = new StackPlanner().plan(index.allSeries().getFirst());
            SourceSeries source = SourceSeries.of(plan);
            ImportedSegmentation seg = SegmentationImport.read(out.resolve(c.label()));

            assertThat(seg.frameOfReferenceUid()).isEqualTo(source.frameOfReferenceUid());
            assertThat(seg.referencedSeriesUid()).isEqualTo(source.seriesInstanceUid());
            Set<String> instances = new HashSet<>();
            source.slices().forEach(s -> instances.add(s.sopInstanceUid()));
            assertThat(seg.frames()).allMatch(f -> instances.contains(f.sourceSopInstanceUid()));

            var placement = seg.labelsOn(plan.geometry().rows(), plan.geometry().columns(),
                    source.slices().stream().map(s -> s.position()).toList(), source.slices().stream().map(s -> s.sopInstanceUid()).toList(), 0.01);
            assertThat(placement.unplacedFrames()).isZero();
            // The original mask of the case, from the catalog: the same voxels carry a label.
            MaskPayload original = (MaskPayload) cases.catalog.annotations().annotations(seriesOf(c)).stream()
                    .map(a -> cases.catalog.annotations().head(a.id()).orElseThrow().payload()).filter(p -> p instanceof MaskPayload)
                    .findFirst().orElseThrow();
            assertThat(labelled(placement.labels())).isEqualTo(labelled(original.mask()));
        }
    }

    @Test
    void theAiRunBecomesAnSrWithItsDecisionByAnAnonymousReaderAndDciodvfyFindsNoError() throws Exception {
        List<Path> reports;
        try (Stream<Path> files = Files.walk(out)) {
            reports = files.filter(f -> f.getFileName().toString().equals("SR.dcm")).toList();
        }
        // One report per case with findings: the CT's 3D run here, the multi-frame's 2D run in the test below.
        assertThat(reports).hasSize(2);
        Path of2d = report2d();
        reports = reports.stream().filter(f -> !f.equals(of2d)).toList();
        var report = MeasurementReportImport.read(reports.getFirst());
        assertThat(report.groups()).hasSize(1);
        assertThat(report.groups().getFirst().regions()).singleElement().satisfies(r -> {
            assertThat(r.valueType()).isEqualTo("SCOORD3D");
            assertThat(r.graphicType()).isEqualTo("ELLIPSOID");
        });
        // Both objects say, as the images do, that the patient's identity was removed.
        for (Path f : List.of(reports.getFirst(), reports.getFirst().resolveSibling("SEG.dcm"))) {
            assertThat(org.lumen.viewer.dicom.TagTreeReader.topLevelValues(f, 0x00120062)).containsEntry(0x00120062, "YES");
        }
        assertThat(report.groups().getFirst().evaluations()).isNotEmpty()
                .allMatch(e -> e.observerName() == null || e.observerName().equals("Reader^1"));
        assertThat(report.groups().getFirst().evaluations()).anyMatch(e -> "Reader^1".equals(e.observerName()));
        for (Path f : List.of(reports.getFirst(), reports.getFirst().resolveSibling("SEG.dcm"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/dciodvfy").canExecute(), "dicom3tools is not installed");
            Process p = new ProcessBuilder("dciodvfy", "-new", f.toString()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            assertThat(text.lines().filter(l -> l.startsWith("Error"))).as(text).isEmpty();
        }
    }

    @Test
    void aTwoDimensionalRunsFindingIsAnImageCoordinateOnTheDeidentifiedFrameItWasFoundOn() throws Exception {
        Path sr = report2d();
        var report = MeasurementReportImport.read(sr);
        assertThat(report.groups()).singleElement().satisfies(g -> assertThat(g.algorithmName()).isEqualTo("lumen-demo-2d"));
        var region = report.groups().getFirst().regions().getFirst();
        String deidentified = new org.lumen.annotation.deid.KeyedIdentities(PhantomCases.KEY).uid(mfSopInstanceUid);
        assertThat(region.valueType()).isEqualTo("SCOORD");
        assertThat(region.graphicType()).isEqualTo("POLYLINE");
        assertThat(region.frameOfReferenceUid()).isNull();
        assertThat(region.referencedSopInstanceUid()).isEqualTo(deidentified).isNotEqualTo(mfSopInstanceUid);
        // Centre (12, 9) and a 4 × 2 box in the run's pixels; the SR's pixel centres are at half numbers.
        assertThat(region.coordinates()).containsExactly(new double[] {10.5, 8.5, 14.5, 8.5, 14.5, 10.5, 10.5, 10.5, 10.5, 8.5},
                org.assertj.core.api.Assertions.within(1e-4));
        var images = new Indexer(cases.pools.io(), 2).index(new FolderSource(sr.resolveSibling("images")), TaskContext.none());
        assertThat(images.allSeries().getFirst().instances()).anyMatch(i -> i.sopInstanceUid().equals(deidentified));
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/dsrdump").canExecute(), "DCMTK is not installed");
        Process p = new ProcessBuilder("dsrdump", "+Pu", sr.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text).isZero();
        assertThat(text.lines().map(String::trim)).as(text).anyMatch(l -> l.startsWith("<selected from IMAGE:")
                && l.endsWith("\"" + deidentified + "\"," + mfFrameNumber + ")>"));
    }

    private static String mfSopInstanceUid;
    private static int mfFrameNumber;

    /**
     * A 2D model's run over the multi-frame phantom's frames, recorded as ImageRunRecords records one: its finding's
     * centre is (column × spacing, row × spacing, image index) and {@code parameters.images[]} names each index's
     * (original) SOP Instance UID and 0-based frame.
     */
    private static void record2dRun(PhantomResult phantom) throws Exception {
        var index = new Indexer(cases.pools.io(), 2).index(new FolderSource(phantom.directory()), TaskContext.none());
        var frames = new StackPlanner().plan(index.allSeries().getFirst()).frames();
        StringBuilder images = new StringBuilder();
        for (int k = 0; k < frames.size(); k++) {
            images.append(k == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "{\"imageUid\":\"%s\",\"frame\":%d,\"image\":%d}",
                    frames.get(k).instance().sopInstanceUid(), frames.get(k).frame(), k));
        }
        mfSopInstanceUid = frames.get(2).instance().sopInstanceUid();
        mfFrameNumber = frames.get(2).frame() + 1;
        double cs = frames.get(2).plane().columnSpacing();
        double rs = frames.get(2).plane().rowSpacing();
        cases.catalog.aiRuns().record(new NewAiRun(phantom.seriesInstanceUid(), "lumen-demo-2d", "1.0.0", "cd".repeat(32), "cpu",
                "{\"dimensions\":2,\"images\":[" + images + "]}", Map.of(), null,
                List.of(new NewFinding(1, 0.8, "nodule", new Vec3(12 * cs, 9 * rs, 2), new Vec3(4 * cs, 2 * rs, 0), null))));
    }

    /** The SR of the multi-frame case (the one with the 2D run). */
    private static Path report2d() throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("SR.dcm")).toList()) {
                if ("lumen-demo-2d".equals(MeasurementReportImport.read(f).groups().getFirst().algorithmName())) {
                    return f;
                }
            }
        }
        throw new AssertionError("no SR of the 2D run in " + out);
    }

    /** The original series of an exported case: planned again with the same key and seed, as the export planned it. */
    private static String seriesOf(ExportedCase c) {
        return CasePlanner.plan(cases.catalog, PhantomCases.DATASET, new org.lumen.annotation.deid.KeyedIdentities(PhantomCases.KEY),
                SplitFractions.defaults(), 7).cases().stream().filter(p -> p.caseId().equals(c.caseId())).findFirst().orElseThrow().seriesUid();
    }

    private static long labelled(org.lumen.annotation.mask.LabelMask mask) {
        long n = 0;
        for (int k = 0; k < mask.slices(); k++) {
            byte[] slice = mask.sliceOrNull(k);
            if (slice != null) {
                for (byte b : slice) {
                    n += b != 0 ? 1 : 0;
                }
            }
        }
        return n;
    }
}
