// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A parametric map (written by pydicom over the real head phantom CT at half its resolution) is found
 * over the CT by its frame of reference, or in another one by the series and source images it names, and resampled onto the CT's slices by patient position: CT
 * pixels on a map voxel centre read the map's value exactly, those between two map voxels their mean.
 */
class ParametricMapOverlayTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** pydicom rewrites the map in another frame of reference: with its references kept, or with them removed. */
    private static final String ELSEWHERE = """
            import sys, pydicom
            from pydicom.uid import generate_uid
            ds = pydicom.dcmread(sys.argv[1])
            ds.FrameOfReferenceUID = generate_uid()
            ds.SeriesInstanceUID = generate_uid()
            ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
            if sys.argv[3] == "unreferenced":
                del ds.ReferencedSeriesSequence
                for frame in ds.PerFrameFunctionalGroupsSequence:
                    del frame.DerivationImageSequence
            ds.save_as(sys.argv[2])
            """;

    @Test
    void aMapInAnotherFrameOfReferenceIsFoundByTheSeriesAndSourceImagesItNames() throws Exception {
        ParametricMapSample.Written map = ParametricMapSample.write(folder);
        for (String variant : new String[] {"referenced", "unreferenced"}) {
            Path study = studyWithCt(variant);
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", ELSEWHERE, map.file().toString(), study.resolve("map.dcm").toString(), variant)
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(output).isZero();
            DicomIndex index = new Indexer(pool, 2).index(new FolderSource(study), TaskContext.none());
            Series ct = index.allSeries().stream().filter(s -> !ParametricMaps.isMap(s)).findFirst().orElseThrow();
            Series pm = index.allSeries().stream().filter(ParametricMaps::isMap).findFirst().orElseThrow();
            assertThat(pm.info().frameOfReferenceUid()).isNotEqualTo(ct.info().frameOfReferenceUid());
            if (variant.equals("referenced")) {
                assertThat(ParametricMaps.over(index, ct)).containsExactly(pm);
                assertThat(ParametricMaps.under(index, pm)).containsExactly(ct);
                assertThat(ParametricMaps.how(pm, ct)).isEqualTo("referenced by the map");
            } else {
                assertThat(ParametricMaps.over(index, ct)).isEmpty();
                assertThat(ParametricMaps.under(index, pm)).isEmpty();
            }
        }
    }

    private Path studyWithCt(String name) throws java.io.IOException {
        Path study = Files.createDirectories(folder.resolve(name));
        try (var files = Files.list(ParametricMapSample.CT)) {
            for (Path f : files.toList()) {
                Files.copy(f, study.resolve(f.getFileName()));
            }
        }
        return study;
    }

    @Test
    void theMapIsFoundOverItsSeriesAndResampledOntoItsSlices() throws Exception {
        Path study = studyWithCt("study");
        ParametricMapSample.Written map = ParametricMapSample.write(folder);
        Files.copy(map.file(), study.resolve("map.dcm"));

        DicomIndex index = new Indexer(pool, 2).index(new FolderSource(study), TaskContext.none());
        Series ct = index.allSeries().stream().filter(s -> !ParametricMaps.isMap(s)).findFirst().orElseThrow();
        Series pm = index.allSeries().stream().filter(ParametricMaps::isMap).findFirst().orElseThrow();
        assertThat(ParametricMaps.over(index, ct)).containsExactly(pm);
        assertThat(ParametricMaps.under(index, pm)).containsExactly(ct);
        assertThat(ParametricMaps.over(index, pm)).as("a map is not offered over another map").isEmpty();
        assertThat(ParametricMaps.how(pm, ct)).isEqualTo("same frame of reference");

        SeriesLoader loader = new SeriesLoader(pool, 2, new PixelCache(1L << 28));
        try (Volume ctVolume = loader.open(new StackPlanner().plan(ct)); Volume mapVolume = loader.open(new StackPlanner().plan(pm))) {
            VolumeGeometry g = ctVolume.geometry();
            ResampledHeatmap heatmap = ResampledHeatmap.of(mapVolume, g);
            assertThat(heatmap.columns()).isEqualTo(g.columns());
            assertThat(heatmap.slices()).isEqualTo(g.slices());
            int mapColumns = g.columns() / 2;
            int mapRows = g.rows() / 2;
            // pydicom's frame n is the CT slice with the n-th smallest z.
            double[] zs = new double[g.slices()];
            for (int k = 0; k < g.slices(); k++) {
                zs[k] = g.slicePosition(k).z();
            }
            double[] sorted = zs.clone();
            Arrays.sort(sorted);
            float max = 0;
            for (int k = 0; k < g.slices(); k++) {
                int n = Arrays.binarySearch(sorted, zs[k]);
                int base = n * mapColumns * mapRows;
                for (int v = 0; v < mapRows; v++) {
                    for (int u = 0; u < mapColumns - 1; u++) {
                        float here = map.values()[base + v * mapColumns + u];
                        float next = map.values()[base + v * mapColumns + u + 1];
                        assertThat(heatmap.valueAt(2 * u, 2 * v, k)).as("slice %d pixel %d,%d", k, 2 * u, 2 * v).isEqualTo(here);
                        assertThat(heatmap.valueAt(2 * u + 1, 2 * v, k)).as("slice %d pixel %d,%d", k, 2 * u + 1, 2 * v)
                                .isCloseTo((here + next) / 2, within(1e-6f));
                        max = Math.max(max, here);
                    }
                }
            }
            assertThat(max).as("the map's blob lies in the phantom").isGreaterThan(0.9f);
            assertThat(heatmap.high()).isEqualTo(max);
            ResampledHeatmap decodedWhole = ResampledHeatmap.of(new StackPlanner().plan(pm), g);
            for (int k = 0; k < g.slices(); k++) {
                assertThat(decodedWhole.sliceOrNull(k)).as("slice %d decoded outside the cache", k).isEqualTo(heatmap.sliceOrNull(k));
            }
        }
    }
}
