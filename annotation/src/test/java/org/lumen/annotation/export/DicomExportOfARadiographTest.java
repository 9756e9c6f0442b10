// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.ChestRadiographSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.PlanarPhantomResult;
import org.lumen.testdata.PlanarPhantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A labelled dataset holding a chest radiograph beside a CT: DICOM SEG and SR are written on volumes only, so the
 * radiograph's case is left out with its reason and the CT's case is still exported (before, the radiograph's case
 * failed the whole export).
 */
class DicomExportOfARadiographTest {

    @TempDir
    Path folder;

    @Test
    void theRadiographIsLeftOutWithItsReasonAndTheCtIsStillExported() throws Exception {
        Path dicom = folder.resolve("dicom");
        PhantomResult ct = Phantoms.writeChestCt(dicom.resolve("ct"), ChestCtSpec.builder().seed(4).size(Size.of(48, 48, 8))
                .noduleCount(0).build());
        PlanarPhantomResult radiograph = PlanarPhantoms.writeChestRadiograph(dicom.resolve("dx"),
                ChestRadiographSpec.defaults().withSize(256, 256));
        try (Pools pools = new Pools(2); Catalog catalog = Catalog.open(folder.resolve("catalog.sqlite"))) {
            DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(dicom), TaskContext.none());
            catalog.studies().upsert(index, dicom.toString());
            DatasetRecord dataset = catalog.datasets().create("mixed", "a CT and a radiograph", null);
            catalog.labelClasses().define(dataset.id(), "lung", "#3CB44B", LabelType.MASK, 2, null);
            long author = catalog.people().ensure("annotator", true, false).id();
            String radiographSeries = index.allSeries().stream().map(s -> s.info().seriesInstanceUid())
                    .filter(uid -> !uid.equals(ct.seriesInstanceUid())).findFirst().orElseThrow();
            for (String series : List.of(ct.seriesInstanceUid(), radiographSeries)) {
                VolumeGeometry geometry = new StackPlanner().plan(index.seriesByUid(series).orElseThrow()).geometry();
                LabelMask mask = new LabelMask(geometry.columns(), geometry.rows(), geometry.slices());
                for (int j = 10; j < 20; j++) {
                    for (int i = 10; i < 20; i++) {
                        mask.set(i, j, 0, 2);
                    }
                }
                LabelledCases.add(catalog, dataset, series, new MaskPayload(mask, geometry), author, new Origin.Imported("drawn"), "drawn");
            }
            SeriesVolumes volumes = new SeriesVolumes(catalog.studies(), new Indexer(pools.io(), 2),
                    new SeriesLoader(pools.decode(), pools.decodeThreads(), new PixelCache(64L << 20)));
            Path out = folder.resolve("out");
            ExportSummary summary = new DatasetExport(catalog, new KeyedIdentities(PhantomCases.KEY), volumes, pools.decode(),
                    pools.decodeThreads()).run(new ExportRequest("mixed", ExportFormat.DICOM, out, 7, SplitFractions.defaults(), 501),
                    TaskContext.none());

            assertThat(summary.cases()).hasSize(1);
            assertThat(out.resolve(summary.cases().getFirst().label())).isRegularFile().hasFileName("SEG.dcm");
            assertThat(summary.leftOut()).singleElement().satisfies(left -> {
                assertThat(left.seriesUid()).isEqualTo(radiographSeries);
                assertThat(left.why()).isEqualTo(DicomDatasetExport.NOT_A_VOLUME);
            });
            Path ctCase = out.resolve(summary.cases().getFirst().label()).getParent();
            try (Stream<Path> files = Files.walk(out)) {
                assertThat(files.filter(f -> f.toString().endsWith(".dcm")).toList()).as("DICOM files written")
                        .isNotEmpty().allMatch(f -> f.startsWith(ctCase));
            }
        }
        assertThat(radiograph.dicomFiles()).hasSize(1);
    }
}
