// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.PacsNode;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.volume.ArrivingStudy;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * Progressive display against a real Orthanc (decision 0017): while a C-GET or a WADO-RS retrieve is
 * still running, the instances it has written are planned and a slice decodes, with the pixels of the
 * file that was sent to the archive; the retrieve then completes and the last plan holds the whole series.
 */
class ProgressiveRetrieveTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    /** The retrieve is held at this instance until a slice of what arrived has been decoded. */
    private static final int HELD_AT = 4;

    @TempDir
    static Path dir;
    private static OrthancServer orthanc;
    private static PhantomResult ct;
    private static Pools pools;

    @BeforeAll
    static void startArchive() throws IOException {
        pools = new Pools(2);
        ct = Phantoms.writeChestCt(dir.resolve("ct"), ChestCtSpec.builder().seed(23).size(Size.of(64, 64, 30)).noduleCount(0).build());
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults()
                .withModality("lumen", "LUMEN", "127.0.0.1", 11112));
        orthanc.uploadTree(ct.directory());
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
        if (pools != null) {
            pools.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DIMSE", "DICOMWEB"})
    void aSliceDecodesBeforeTheRetrieveHasEnded(String protocol) throws Exception {
        PacsNode node = protocol.equals("DIMSE")
                ? PacsNode.dimse("orthanc", OrthancServer.AET, "127.0.0.1", orthanc.dicomPort(), false)
                : InlineNodes.parse("dicomweb+http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web");
        Path folder = Files.createDirectories(dir.resolve("cache-" + protocol).resolve(ct.studyInstanceUid()));
        ArrivingStudy arriving = new ArrivingStudy(ct.studyInstanceUid(), 30, pools.io());
        SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(32L << 20));
        AtomicInteger written = new AtomicInteger();
        AtomicReference<VoxelSlice> early = new AtomicReference<>();
        AtomicReference<Path> earlyFile = new AtomicReference<>();
        AtomicInteger writtenWhenViewable = new AtomicInteger();
        InstanceListener listener = file -> {
            arriving.arrived(file);
            if (written.incrementAndGet() == HELD_AT) {
                // Inside the retrieve, which cannot end before this returns: wait for a plan and decode its first slice.
                StackPlan plan = awaitPlan(arriving);
                try (Volume v = loader.open(plan)) {
                    early.set(v.slice(0));
                    earlyFile.set(v.frame(0).instance().file());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                writtenWhenViewable.set(written.get());
            }
        };

        RetrieveResult result = ArchiveTransfers.get(node, Credentials.none(), TIMEOUTS, null, ct.studyInstanceUid(), null, folder,
                listener, TaskContext.none());
        arriving.finished();

        assertThat(early.get()).as("a slice decoded while the retrieve ran").isNotNull();
        assertThat(writtenWhenViewable.get()).isLessThan(30);
        // The early slice is the archive's copy of the phantom's file, pixel for pixel.
        Path original = ct.dicomFiles().stream().filter(f -> sop(f).equals(sop(earlyFile.get()))).findFirst().orElseThrow();
        StackPlan alone = new StackPlanner().plan(new org.lumen.viewer.index.Series(
                new DicomHeaderReader().read(original).series(), java.util.List.of(new DicomHeaderReader().read(original))));
        try (Volume v = loader.open(alone)) {
            assertThat(early.get().shorts()).isEqualTo(v.slice(0).shorts());
            assertThat(early.get().shorts()).isNotNull();
        }
        assertThat(result.files()).hasSize(30);
        ArrivingStudy.Snapshot last = arriving.latest();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (last.isArriving() && System.nanoTime() < deadline) {
            Thread.sleep(5);
            last = arriving.latest();
        }
        assertThat(last.state()).isEqualTo(ArrivingStudy.State.COMPLETE);
        assertThat(last.plans().get(ct.seriesInstanceUid()).sliceCount()).isEqualTo(30);
        assertThat(last.plans().get(ct.seriesInstanceUid()).isRegular()).isTrue();
    }

    private static StackPlan awaitPlan(ArrivingStudy arriving) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            StackPlan plan = arriving.latest().plans().get(ct.seriesInstanceUid());
            if (plan != null) {
                return plan;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no plan of what arrived within 10 s");
    }

    private static String sop(Path file) {
        try {
            return new DicomHeaderReader().read(file).sopInstanceUid();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
