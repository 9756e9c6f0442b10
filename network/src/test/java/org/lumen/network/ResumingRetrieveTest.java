// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.InstanceMatch;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;

/**
 * A retrieve that resumes, against a real Orthanc: after some files of the cache are deleted (and an
 * interrupted write's temporary file is left), a second retrieve fetches exactly the missing
 * instances, over C-GET and over WADO-RS, and the cache then holds the same pixels as the files sent.
 */
class ResumingRetrieveTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final int SLICES = 16;

    @TempDir
    static Path dir;
    private static OrthancServer orthanc;
    private static PhantomResult phantom;
    private static String studyUid;
    private static Pools pools;

    @BeforeAll
    static void startArchive() throws IOException {
        pools = new Pools();
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withModality("lumen", "LUMEN", "127.0.0.1", 11112));
        phantom = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(47).size(Size.of(48, 48, SLICES)).noduleCount(0).build());
        orthanc.uploadTree(phantom.directory());
        studyUid = index(phantom.directory()).studies().getFirst().info().studyInstanceUid();
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
        pools.close();
    }

    static PacsNode dimse() {
        return PacsNode.dimse("test", OrthancServer.AET, "127.0.0.1", orthanc.dicomPort(), false);
    }

    static PacsNode dicomWeb() {
        return InlineNodes.parse("dicomweb+" + orthanc.dicomWebRoot());
    }

    @Test
    void overCGetOnlyTheMissingInstancesAreFetched() throws Exception {
        resumes(dimse(), dir.resolve("cache-dimse"));
    }

    @Test
    void overWadoRsOnlyTheMissingInstancesAreFetched() throws Exception {
        resumes(dicomWeb(), dir.resolve("cache-web"));
    }

    @Test
    void bothProtocolsListTheSameInstances() throws Exception {
        List<InstanceMatch> viaFind = ArchiveSearches.of(dimse(), Credentials.none(), TIMEOUTS, null).findInstances(studyUid, null, TaskContext.none());
        List<InstanceMatch> viaQido;
        try (var qido = ArchiveSearches.of(dicomWeb(), Credentials.none(), TIMEOUTS, null)) {
            viaQido = qido.findInstances(studyUid, null, TaskContext.none());
        }
        assertThat(viaFind).hasSize(SLICES).allSatisfy(m -> {
            assertThat(m.studyInstanceUid()).isEqualTo(studyUid);
            assertThat(m.seriesInstanceUid()).isNotNull();
        });
        assertThat(viaQido).containsExactlyInAnyOrderElementsOf(viaFind);
        String series = viaFind.getFirst().seriesInstanceUid();
        assertThat(ArchiveSearches.of(dimse(), Credentials.none(), TIMEOUTS, null).findInstances(studyUid, series, TaskContext.none()))
                .containsExactlyInAnyOrderElementsOf(viaFind);
    }

    @Test
    void anArchiveThatRefusesToListInstancesGetsTheFullRetrieve() throws Exception {
        // Lumen's AE title unknown to this archive: it serves C-GET to anyone, C-FIND to known modalities only.
        try (OrthancServer strict = OrthancServer.start(dir.resolve("strict"), OrthancServer.Options.defaults()
                .with("DicomAlwaysAllowGet", true).with("DicomAlwaysAllowFind", false))) {
            strict.uploadTree(phantom.directory());
            PacsNode node = PacsNode.dimse("strict", OrthancServer.AET, "127.0.0.1", strict.dicomPort(), false);
            Path cache = dir.resolve("cache-strict");
            ResumingRetrieve retrieve = new ResumingRetrieve(node, Credentials.none(), TIMEOUTS, null);
            assertThat(retrieve.get(studyUid, null, cache, InstanceListener.NONE, TaskContext.none()).fetched()).hasSize(SLICES);
            Files.delete(dcmFiles(cache).getFirst());

            ResumingRetrieve.Result again = retrieve.get(studyUid, null, cache, InstanceListener.NONE, TaskContext.none());

            assertThat(again.resumed()).isFalse();
            assertThat(again.listed()).isEqualTo(-1);
            assertThat(again.fetched()).as("everything, what the cache held included").hasSize(SLICES);
            assertThat(dcmFiles(cache)).hasSize(SLICES);
        }
    }

    private static void resumes(PacsNode node, Path cache) throws Exception {
        ResumingRetrieve retrieve = new ResumingRetrieve(node, Credentials.none(), TIMEOUTS, null);
        List<Path> told = new CopyOnWriteArrayList<>();
        ResumingRetrieve.Result first = retrieve.get(studyUid, null, cache, told::add, TaskContext.none());
        assertThat(first.fetched()).hasSize(SLICES);
        assertThat(first.alreadyCached()).isZero();
        assertThat(first.listed()).isEqualTo(SLICES);

        // Lose three instances, and leave what a killed process leaves behind while writing a fourth.
        List<Path> files = dcmFiles(cache);
        List<Path> deleted = List.of(files.get(0), files.get(5), files.get(11));
        for (Path f : deleted) {
            Files.delete(f);
        }
        Path leftover = cache.resolve("." + deleted.get(1).getFileName() + ".8f3a2c.tmp");
        Files.write(leftover, new byte[] {1, 2, 3});

        told.clear();
        List<long[]> progress = new CopyOnWriteArrayList<>();
        ResumingRetrieve.Result second = retrieve.get(studyUid, null, cache, told::add, recording(progress));

        assertThat(told).as("exactly the missing instances are fetched")
                .containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(second.fetched()).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(second.alreadyCached()).isEqualTo(SLICES - 3);
        assertThat(second.failed()).isZero();
        assertThat(leftover).as("the interrupted write's leftover").doesNotExist();
        assertThat(progress.getFirst()).as("progress starts at what the cache held").containsExactly(SLICES - 3, SLICES);
        assertThat(progress.getLast()).containsExactly(SLICES, SLICES);
        assertThat(dcmFiles(cache)).hasSize(SLICES);
        assertSamePixels(cache);

        // Nothing missing: nothing fetched.
        told.clear();
        ResumingRetrieve.Result third = retrieve.get(studyUid, null, cache, told::add, TaskContext.none());
        assertThat(told).isEmpty();
        assertThat(third.fetched()).isEmpty();
        assertThat(third.alreadyCached()).isEqualTo(SLICES);
    }

    private static TaskContext recording(List<long[]> progress) {
        return new TaskContext() {
            @Override public void progress(long done, long total) {
                progress.add(new long[] {done, total});
            }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() { return false; }
        };
    }

    private static List<Path> dcmFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }

    private static void assertSamePixels(Path cache) throws Exception {
        SamePixels.assertSame(cache, phantom.directory());
    }

    private static DicomIndex index(Path folder) throws IOException {
        return new Indexer(pools.io(), 2).index(new FolderSource(folder), TaskContext.none());
    }

}
