// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.dicom.MeasurementReportExport;
import org.lumen.annotation.dicom.MeasurementReportImport;
import org.lumen.annotation.dicom.SegmentationExport;
import org.lumen.annotation.dicom.SegmentationImport;
import org.lumen.annotation.exchange.AlgorithmType;
import org.lumen.annotation.exchange.ImportedReport;
import org.lumen.annotation.exchange.ImportedSegmentation;
import org.lumen.annotation.exchange.ReportGroup;
import org.lumen.annotation.exchange.ReportGroups;
import org.lumen.annotation.exchange.SegmentDefinition;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.StackPlanner;

/**
 * Lumen's SEG and SR go to a real archive and come back: {@code lumen pacs send} stores them in Orthanc
 * beside their CT (Orthanc parses them as it stores), {@code lumen pacs get} retrieves the study with
 * C-GET, and the copies read back onto the same voxels and the same measurement.
 */
class DicomObjectsThroughPacsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LUNG = 2;

    @Test
    void segAndSrSentToOrthancComeBackTheSame(@TempDir Path dir) throws Exception {
        ChestCtSpec spec = ChestCtSpec.builder().seed(23).size(Size.of(48, 48, 6)).pixelSpacingMm(7).sliceSpacingMm(8).noduleCount(0)
                .build();
        Path folder = dir.resolve("study");
        PhantomResult ct = Phantoms.writeChestCt(folder.resolve("ct"), spec);
        SourceSeries source;
        try (Pools pools = new Pools(2)) {
            var index = new Indexer(pools.io(), 2).index(new FolderSource(ct.directory()), TaskContext.none());
            source = SourceSeries.of(new StackPlanner().plan(index.allSeries().getFirst()));
        }
        PhantomVolume truth = Phantoms.renderChestCt(spec);
        LabelMask mask = new LabelMask(48, 48, 6);
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 48; j++) {
                for (int i = 0; i < 48; i++) {
                    mask.set(i, j, k, truth.label(i, j, k) == LUNG ? 1 : 0);
                }
            }
        }
        SegmentationExport.write(source, mask, List.of(SegmentDefinition.of(new LabelClass(1, null, "Lung", "#40a0ff", LabelType.MASK, 1,
                new Code("SCT", "39607008", "Lung")), AlgorithmType.MANUAL, null)),
                new SegmentationExport.Description("Lungs", 90, "LUNGS", null, "Tester^Tom", "test"), folder.resolve("seg.dcm"));
        Vec3 origin = source.slices().get(3).position();
        ReportGroup length = ReportGroups.ofMeasurement(LengthMeasurement.of(source.frameOfReferenceUid(), source.seriesInstanceUid(),
                origin.plus(new Vec3(60, 100, 0)), origin.plus(new Vec3(250, 130, 0))), null, null);
        MeasurementReportExport.write(source, List.of(length), new MeasurementReportExport.Description("Lengths", 91, "Tester^Tom",
                MeasurementReportExport.Description.CT, "test"), folder.resolve("sr.dcm"));

        try (OrthancServer orthanc = OrthancServer.start(dir.resolve("orthanc"),
                OrthancServer.Options.defaults().withModality("lumen", "LUMEN", "127.0.0.1", 11112))) {
            String node = "dimse://ORTHANC@127.0.0.1:" + orthanc.dicomPort();
            CliRun sent = lumen("pacs", "send", node, folder.toString());
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.out()).startsWith("sent 8 file(s) to ORTHANC@");

            JsonNode study = JSON.readTree(lumen("pacs", "find", node, "--patient-id", "LUMEN-PHANTOM-23", "--json").out())
                    .get("studies").get(0);
            List<String> modalities = new ArrayList<>();
            study.get("modalities").forEach(m -> modalities.add(m.asText()));
            assertThat(modalities).contains("CT", "SEG", "SR");
            Path copies = dir.resolve("copies");
            CliRun got = lumen("pacs", "get", node, "--study", study.get("studyInstanceUid").asText(), "--out", copies.toString(),
                    "--catalog", dir.resolve("catalog.sqlite").toString());
            assertThat(got.exitCode()).as(got.err()).isZero();

            ImportedSegmentation seg = null;
            ImportedReport report = null;
            try (Stream<Path> files = Files.walk(copies)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    try {
                        seg = SegmentationImport.read(file);
                    } catch (IOException notSeg) {
                        try {
                            report = MeasurementReportImport.read(file);
                        } catch (IOException notSr) {
                            // a CT image
                        }
                    }
                }
            }
            assertThat(seg).as("the SEG among the retrieved files").isNotNull();
            assertThat(seg.labelsOn(48, 48, source.slices().stream().map(s -> s.position()).toList(), List.of(), 0.5).labels())
                    .isEqualTo(mask);
            assertThat(report).as("the SR among the retrieved files").isNotNull();
            assertThat(report.groups()).singleElement().satisfies(g -> {
                assertThat(g.trackingUid()).isEqualTo(length.trackingUid());
                assertThat(g.values().getFirst().value()).isEqualTo(length.values().getFirst().value(),
                        org.assertj.core.api.Assertions.within(1e-9));
            });
        }
    }
}
