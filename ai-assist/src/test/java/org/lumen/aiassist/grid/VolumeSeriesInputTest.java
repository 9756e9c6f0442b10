// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.SliceOrientation;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/** A DICOM series loaded by the viewer reads, as inference input, exactly the phantom's HU on the phantom's grid. */
class VolumeSeriesInputTest {

    @TempDir
    Path tmp;

    @Test
    void aCoronalPhantomReadsBackOnItsOwnGrid() throws Exception {
        ChestCtSpec spec = ChestCtSpec.builder().seed(3).size(Size.of(48, 40, 24)).sliceSpacingMm(6)
                .orientation(SliceOrientation.CORONAL).noduleCount(1).noiseSigmaHu(5).build();
        PhantomResult written = Phantoms.writeChestCt(tmp.resolve("ct"), spec);
        PhantomVolume truth = Phantoms.renderChestCt(spec);
        try (Pools pools = new Pools(2)) {
            DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(written.directory()), TaskContext.none());
            SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 26));
            try (Volume volume = loader.open(new StackPlanner().plan(index.allSeries().getFirst()))) {
                new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
                VolumeSeriesInput input = new VolumeSeriesInput(volume);

                assertThat(input.seriesUid()).isEqualTo(written.seriesInstanceUid());
                assertThat(input.modality()).isEqualTo("CT");
                Grid g = input.grid();
                var pg = truth.grid();
                assertThat(g.sameAs(new Grid(pg.size().columns(), pg.size().rows(), pg.size().slices(), pg.origin(),
                        pg.columnStep(), pg.rowStep(), pg.sliceStep()))).isTrue();
                float[] slice = new float[g.nx() * g.ny()];
                for (int k = 0; k < g.nz(); k++) {
                    input.readSlice(k, slice);
                    for (int j = 0; j < g.ny(); j++) {
                        for (int i = 0; i < g.nx(); i++) {
                            assertThat(slice[i + g.nx() * j]).isEqualTo((float) truth.value(i, j, k));
                        }
                    }
                }
            }
        }
    }
}
