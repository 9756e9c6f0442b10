// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.SliceOrientation;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.source.FolderSource;

/** The series a study opens on: the main series, never a scout, on generated studies and a real one. */
class SeriesSelectorTest {

    private static final Pools POOLS = new Pools(2);

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        POOLS.close();
    }

    @Test
    void aStudyOpensOnItsAxialVolumeNotOnTheScoutListedBeforeIt() throws IOException {
        ChestCtSpec spec = ChestCtSpec.builder().size(Size.of(48, 48, 24)).noduleCount(0).build();
        PhantomResult axial = Phantoms.writeChestCt(dir.resolve("axial"), spec);
        Phantoms.writeChestScout(dir.resolve("scout"), spec);

        DicomIndex index = index(dir);

        assertThat(index.studies()).hasSize(1);
        List<Series> series = index.allSeries();
        assertThat(series).hasSize(2);
        Series scout = series.getFirst();
        assertThat(scout.instances()).hasSize(1);
        assertThat(scout.instances().getFirst().isLocalizer()).isTrue();
        assertThat(SeriesSelector.mainSeries(index)).map(Series::uid).contains(axial.seriesInstanceUid());
        assertThat(SeriesSelector.select(index, null).uid()).isEqualTo(axial.seriesInstanceUid());
    }

    /** A one-image scout that is axial and numbered first still loses to a one-image series that is not a localizer. */
    @Test
    void aLocalizerNeverWinsWhileAnotherImageSeriesExists() throws IOException {
        ChestCtSpec spec = ChestCtSpec.builder().size(Size.of(48, 48, 1)).orientation(SliceOrientation.CORONAL).noduleCount(0).build();
        PhantomResult coronal = Phantoms.writeChestCt(dir.resolve("coronal"), spec);
        Phantoms.writeChestScout(dir.resolve("scout"), spec);

        DicomIndex index = index(dir);

        assertThat(index.allSeries()).hasSize(2);
        assertThat(index.allSeries().getFirst().instances().getFirst().isLocalizer()).isTrue();
        assertThat(SeriesSelector.mainSeries(index)).map(Series::uid).contains(coronal.seriesInstanceUid());
    }

    @Test
    void axialWinsOverCoronalWithAsManyImages() throws IOException {
        ChestCtSpec.Builder spec = ChestCtSpec.builder().size(Size.of(40, 40, 12)).noduleCount(0);
        PhantomResult coronal = Phantoms.writeChestCt(dir.resolve("coronal"), spec.orientation(SliceOrientation.CORONAL).build());
        PhantomResult axial = Phantoms.writeChestCt(dir.resolve("axial"), spec.orientation(SliceOrientation.AXIAL).build());

        DicomIndex index = index(dir);

        assertThat(index.allSeries()).extracting(Series::uid)
                .containsExactlyInAnyOrder(coronal.seriesInstanceUid(), axial.seriesInstanceUid());
        assertThat(SeriesSelector.mainSeries(index)).map(Series::uid).contains(axial.seriesInstanceUid());
    }

    @Test
    void theMostImagesWinAmongVolumes() throws IOException {
        ChestCtSpec.Builder spec = ChestCtSpec.builder().size(Size.of(40, 40, 8)).noduleCount(0);
        Phantoms.writeChestCt(dir.resolve("few"), spec.build());
        PhantomResult many = Phantoms.writeChestCt(dir.resolve("many"), spec.size(Size.of(40, 40, 20)).build());

        assertThat(SeriesSelector.mainSeries(index(dir))).map(Series::uid).contains(many.seriesInstanceUid());
    }

    /** pcir.org's cardiac CT (SOURCES.md): a 2-image scout (Image Type LOCALIZER), series 4, then 5 axial slices, series 5. */
    @Test
    void aRealCtStudyOpensOnItsAxialSeriesNotItsScout() {
        Path study = samples().resolve("dicomdir/pcir_fileset/98892001");

        DicomIndex index = index(study);

        assertThat(index.allSeries()).extracting(s -> s.info().number()).containsExactly(4, 5);
        assertThat(index.allSeries().getFirst().instances()).allMatch(i -> i.isLocalizer());
        assertThat(SeriesSelector.mainSeries(index)).map(s -> s.info().number()).contains(5);
    }

    @Test
    void nothingWhenNoSeriesHasImages() {
        assertThat(SeriesSelector.mainSeries(new DicomIndex(List.of(), List.of()))).isEmpty();
    }

    private static DicomIndex index(Path folder) {
        try {
            return new Indexer(POOLS.io(), 2).index(new FolderSource(folder), TaskContext.none());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path samples() {
        String property = System.getProperty("lumen.samples");
        assertThat(property).as("system property lumen.samples (set by surefire)").isNotBlank();
        return Path.of(property);
    }
}
