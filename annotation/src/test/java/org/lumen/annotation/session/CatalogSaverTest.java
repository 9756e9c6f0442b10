// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.LabelSchema;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.MemberStatus;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.mask.SliceRuns;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/** A labelling session's catalog half, in annotation: what a new session gets, and strokes saved with their typed origin. */
class CatalogSaverTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static Volume volume;
    private static org.lumen.viewer.index.DicomIndex index;
    private static Path studyFolder;

    @TempDir
    Path dir;

    @BeforeAll
    static void load(@TempDir Path folder) throws Exception {
        Phantoms.writeChestCt(folder, ChestCtSpec.builder().size(Size.of(32, 32, 8)).pixelSpacingMm(2).sliceSpacingMm(2).noduleCount(1).build());
        studyFolder = folder;
        index = new Indexer(POOL, 2).index(new FolderSource(folder), TaskContext.none());
        volume = new SeriesLoader(POOL, 2, new PixelCache(16L << 20)).open(new StackPlanner().plan(index.allSeries().getFirst()));
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void aFirstSessionGetsTheDefaultDatasetAndABlankMaskThenItsStrokesComeBackWithTheirOrigin() {
        String series = volume.plan().seriesUid();
        var g = volume.geometry();
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.sqlite"))) {
            catalog.studies().upsert(index, studyFolder.toString()); // as the window records every study it opens
            LabellingStart first = LabellingStart.prepare(catalog, "annotator", null, "Default", series, g);
            assertThat(first.saved()).as("nothing saved yet").isNull();
            assertThat(first.classes()).extracting(AnnotationClass::name).containsExactlyElementsOf(LabelSchema.DEFAULT.drawn());
            assertThat(first.classifications()).isEqualTo(LabelSchema.DEFAULT.classifications());
            assertThat(first.lockedReason()).isNull();
            assertThat(catalog.datasets().byName("Default")).isPresent();
            assertThat(catalog.datasets().member(first.datasetId(), series)).get().extracting(m -> m.status()).isEqualTo(MemberStatus.TODO);

            byte[] plane = new byte[g.columns() * g.rows()];
            plane[5 * g.columns() + 7] = 1;
            CatalogSaver saver = new CatalogSaver(catalog, first);
            Origin fromHeatmap = new Origin.Imported("AI run 3, heatmap at or above 0.5");
            saver.saveMaskSlices(Map.of(2, SliceRuns.of(plane, plane.length)), "brush", fromHeatmap);
            PointLabel point = PointLabel.of("1.2.826.0.1.3680043.8.498.1", series, "Nodule", new org.lumen.viewer.geometry.Vec3(1, 2, 3));
            saver.saveObjects(List.of(point), "point", Origin.MANUAL);

            assertThat(catalog.datasets().member(first.datasetId(), series)).get().extracting(m -> m.status())
                    .as("the first stroke starts the case").isEqualTo(MemberStatus.IN_PROGRESS);
            var mask = catalog.annotations().loadCase(series).stream().filter(a -> a.annotation().kind() == AnnotationKind.MASK)
                    .findFirst().orElseThrow();
            assertThat(mask.head().info().origin()).isEqualTo(fromHeatmap);

            LabellingStart again = LabellingStart.prepare(catalog, "annotator", null, "Default", series, g);
            assertThat(again.maskAnnotationId()).isEqualTo(first.maskAnnotationId());
            assertThat(again.saved().get(7, 5, 2)).isEqualTo(1);
            assertThat(again.savedObjects()).containsExactly(point);
            assertThat(again.vectorAnnotationId()).isNotNull();
            assertThat(((MaskPayload) mask.head().payload()).mask().get(7, 5, 2)).isEqualTo(1);
        }
    }
}
