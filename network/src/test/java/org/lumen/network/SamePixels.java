// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/** What every transfer test checks in the end: the decoded pixels of what arrived equal those of what was sent. */
public final class SamePixels {

    private SamePixels() { }

    /** Asserts that the first series of {@code retrieved} decodes to the same slices as the first series of {@code sent}. */
    public static void assertSame(Path retrieved, Path sent) throws Exception {
        List<short[]> got = of(retrieved);
        List<short[]> expected = of(sent);
        assertThat(got).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            assertThat(got.get(k)).as("slice %d", k).isEqualTo(expected.get(k));
        }
    }

    /** The decoded slices of the first series in {@code folder}, in stack order. */
    public static List<short[]> of(Path folder) throws Exception {
        try (Pools pools = new Pools(2)) {
            DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(folder), TaskContext.none());
            SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 27));
            try (Volume volume = loader.open(new StackPlanner().plan(index.allSeries().getFirst()))) {
                new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
                List<short[]> slices = new ArrayList<>();
                for (int k = 0; k < volume.sliceCount(); k++) {
                    slices.add(volume.slice(k).shorts().clone());
                }
                return slices;
            }
        }
    }
}
