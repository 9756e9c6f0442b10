// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.AnnotationRevision;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.dicom.SegmentationExport;
import org.lumen.annotation.exchange.AlgorithmType;
import org.lumen.annotation.exchange.SegmentDefinition;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.task.TaskContext;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.StackPlanner;

/** Round trips: labels that left as NIfTI or SEG come back onto the same DICOM voxels, as new revisions with their origin. */
class LabelImportTest {

    @TempDir
    static Path folder;

    private static PhantomCases cases;
    private static long importer;

    @BeforeAll
    static void phantoms() throws Exception {
        cases = new PhantomCases(folder.resolve("data"), 2);
        importer = cases.catalog.people().ensure("importer", true, false).id();
    }

    @AfterAll
    static void close() {
        if (cases != null) {
            cases.close();
        }
    }

    @Test
    void anNnUnetLabelFileComesBackOntoTheSameVoxels() throws Exception {
        ExportSummary nnunet = cases.exporter().run(new ExportRequest(PhantomCases.DATASET, ExportFormat.NNUNET, folder.resolve("nnunet"), 3,
                SplitFractions.defaults(), 501), TaskContext.none());
        for (ExportedCase c : nnunet.cases()) {
            String series = seriesOf(c.caseId());
            LabelMask original = headMask(series);
            // dataset.json: background 0, lung 1, nodule 2 (consecutive), while the catalog's mask values are 2 and 9.
            LabelImport.Imported back = new LabelImport(cases.catalog, indexer()).importFile(nnunet.folder().resolve(c.label()),
                    PhantomCases.DATASET, series, Map.of(1, "lung", 2, "nodule"), importer);

            LabelMask imported = ((MaskPayload) cases.catalog.annotations().revision(back.revisionId()).orElseThrow().payload()).mask();
            assertThat(imported).as("case %s", c.caseId()).isEqualTo(original);
            AnnotationRevision revision = cases.catalog.annotations().revision(back.revisionId()).orElseThrow();
            assertThat(revision.info().origin()).isInstanceOf(Origin.Imported.class);
            assertThat(((Origin.Imported) revision.info().origin()).source()).contains(c.label().substring(c.label().lastIndexOf('/') + 1))
                    .endsWith("(NIfTI)");
        }
    }

    @Test
    void aSegWrittenOnTheSeriesComesBackOntoTheSameVoxels() throws Exception {
        String series = cases.phantoms.getFirst().seriesInstanceUid();
        LabelMask original = headMask(series);
        var index = indexer().index(new FileSource(cases.catalog.studies().instances(series).stream().map(i -> i.file()).toList()),
                TaskContext.none());
        var plan = new StackPlanner().plan(index.seriesByUid(series).orElseThrow());
        Path seg = folder.resolve("labels-seg.dcm");
        SegmentationExport.write(SourceSeries.of(plan), original, SegmentDefinition.forMask(cases.catalog.labelClasses().of(cases.dataset.id()),
                original, AlgorithmType.MANUAL, null), new SegmentationExport.Description("test", 99, "LABELS", null, "test", "test"), seg);

        LabelImport.Imported back = new LabelImport(cases.catalog, indexer()).importFile(seg, PhantomCases.DATASET, null, importer);

        assertThat(back.seriesUid()).isEqualTo(series);
        assertThat(back.kind()).isEqualTo("SEG");
        assertThat(back.unplacedFrames()).isZero();
        assertThat(((MaskPayload) cases.catalog.annotations().revision(back.revisionId()).orElseThrow().payload()).mask()).isEqualTo(original);
    }

    @Test
    void aNiftiWithValuesNoClassHasIsRefusedWithTheValues() throws Exception {
        ExportSummary nnunet = cases.exporter().run(new ExportRequest(PhantomCases.DATASET, ExportFormat.NNUNET, folder.resolve("nnunet2"), 3,
                SplitFractions.defaults(), 502), TaskContext.none());
        ExportedCase c = nnunet.cases().getFirst();
        assertThatThrownBy(() -> new LabelImport(cases.catalog, indexer()).importFile(nnunet.folder().resolve(c.label()), PhantomCases.DATASET,
                seriesOf(c.caseId()), importer)).hasMessageContaining("holds label values [1]").hasMessageContaining("define those classes first");
        assertThatThrownBy(() -> new LabelImport(cases.catalog, indexer()).importFile(nnunet.folder().resolve(c.label()), PhantomCases.DATASET,
                null, importer)).hasMessageContaining("names no series");
    }

    private static Indexer indexer() {
        return new Indexer(cases.pools.io(), 2);
    }

    private static LabelMask headMask(String series) {
        return cases.catalog.annotations().annotations(series).stream()
                .map(a -> cases.catalog.annotations().head(a.id()).orElseThrow().payload())
                .filter(p -> p instanceof MaskPayload).map(p -> ((MaskPayload) p).mask()).findFirst().orElseThrow();
    }

    private static String seriesOf(String caseId) {
        return CasePlanner.plan(cases.catalog, PhantomCases.DATASET, new KeyedIdentities(PhantomCases.KEY), SplitFractions.defaults(), 3)
                .cases().stream().filter(p -> p.caseId().equals(caseId)).findFirst().orElseThrow().seriesUid();
    }
}
