// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.node.PacsNode;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/**
 * Lumen's storage receiver with a real Orthanc: a C-MOVE to it brings the study into the cache,
 * filed by study; peers it does not know are rejected with the reason.
 */
class StorageReceiverTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    private static final String RECEIVER_AET = "LUMEN_RX";

    @TempDir
    static Path dir;
    private static Pools pools;
    private static StorageReceiver receiver;
    private static OrthancServer orthanc;
    private static PacsNode node;
    private static String chestStudy;
    private static final List<Path> STORED = new CopyOnWriteArrayList<>();
    private static final List<String> REFUSED = new CopyOnWriteArrayList<>();
    /** Instances filed under this folder are acknowledged late, so that a move of them lasts long enough to cancel. */
    private static final AtomicReference<Path> SLOW = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException {
        pools = new Pools();
        receiver = StorageReceiver.start(new StorageReceiver.Settings(RECEIVER_AET, InetAddress.getLoopbackAddress(), 0,
                List.of(new StorageReceiver.AllowedPeer(OrthancServer.AET, "127.0.0.1")), TIMEOUTS), dir.resolve("cache"), pools.servers(),
                new StorageReceiver.Listener() {
                    @Override public void stored(Path file, String study, String callingAet) {
                        STORED.add(file);
                        Path slow = SLOW.get();
                        if (slow != null && file.startsWith(slow)) {
                            try {
                                Thread.sleep(150);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                    @Override public void refused(String callingAet, String host, String why) {
                        REFUSED.add(why);
                    }
                });
        // Orthanc knows Lumen both as the querying AE (LUMEN) and as the move destination (LUMEN_RX at the receiver's port).
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults()
                .withModality("lumen", "LUMEN", "127.0.0.1", 11112).withModality("rx", RECEIVER_AET, "127.0.0.1", receiver.port()));
        PhantomResult chest = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(51).size(Size.of(48, 48, 12))
                .noduleCount(0).build());
        orthanc.uploadTree(chest.directory());
        chestStudy = chest.studyInstanceUid();
        node = PacsNode.dimse("test", OrthancServer.AET, "127.0.0.1", orthanc.dicomPort(), false);
    }

    @AfterAll
    static void stop() {
        orthanc.close();
        receiver.close();
        pools.close();
    }

    @Test
    void aMoveToTheReceiverFilesTheStudyInTheCache() throws Exception {
        String study = chestStudy;

        DimseMover.MoveResult result = new DimseMover(TIMEOUTS, null).move(node, study, null, RECEIVER_AET, TaskContext.none());

        assertThat(result.completed()).isEqualTo(12);
        assertThat(result.failed()).isZero();
        Path folder = dir.resolve("cache").resolve(study);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(f -> f.toString().endsWith(".dcm")).count()).isEqualTo(12);
        }
        assertThat(STORED).filteredOn(f -> f.startsWith(folder)).hasSize(12);
        try (Stream<Path> left = Files.list(dir.resolve("cache").resolve(".incoming"))) {
            assertThat(left).as("nothing left half-way").isEmpty();
        }
    }

    @Test
    void cancellingAMoveStopsTheArchiveAndLeavesOnlyWholeFiles() throws Exception {
        PhantomResult big = Phantoms.writeChestCt(dir.resolve("big"), ChestCtSpec.builder().seed(52).size(Size.of(128, 128, 40))
                .noduleCount(0).build());
        orthanc.uploadTree(big.directory());
        Path folder = dir.resolve("cache").resolve(big.studyInstanceUid());
        SLOW.set(folder);
        AtomicBoolean cancel = new AtomicBoolean();
        TaskContext task = new TaskContext() {
            @Override public void progress(long done, long total) {
                if (done >= 3) {
                    cancel.set(true);
                }
            }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() { return cancel.get(); }
        };

        try {
            assertThatThrownBy(() -> new DimseMover(TIMEOUTS, null).move(node, big.studyInstanceUid(), null, RECEIVER_AET, task))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED))
                    .hasMessageContaining("cancel");
        } finally {
            SLOW.set(null);
        }

        // The archive confirmed the cancel: it stopped sending, so the study is not all there,
        // and what is there is whole (nothing half-written is left once its association ends).
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(f -> f.toString().endsWith(".dcm")).count()).isBetween(3L, 39L);
        }
        long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hasLeftovers() && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        assertThat(hasLeftovers()).as("nothing left half-way in .incoming").isFalse();
    }

    private static boolean hasLeftovers() throws IOException {
        try (Stream<Path> left = Files.list(dir.resolve("cache").resolve(".incoming"))) {
            return left.findAny().isPresent();
        }
    }

    @Test
    void aMoveToADestinationTheArchiveDoesNotKnowSaysSo() throws Exception {
        String study = chestStudy;

        assertThatThrownBy(() -> new DimseMover(TIMEOUTS, null).move(node, study, null, "NOBODY", TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                .hasMessageContaining("refused the C-MOVE to NOBODY")
                .hasMessageEndingWith("the archive must know NOBODY as a destination with Lumen's host and receiver port");
    }

    @Test
    void associationsBeyondTheLimitAreRefusedAsCongestion() throws Exception {
        try (StorageReceiver one = StorageReceiver.start(new StorageReceiver.Settings(RECEIVER_AET, InetAddress.getLoopbackAddress(), 0,
                List.of(new StorageReceiver.AllowedPeer("PEER", null)), TIMEOUTS, 1), dir.resolve("cache-one"), pools.servers(),
                (file, study, aet) -> { })) {
            PacsNode receiverNode = PacsNode.dimse("one", RECEIVER_AET, "127.0.0.1", one.port(), false).withCallingAet("PEER");
            // The first association stays open; the second finds the receiver full.
            try (DimseAssociation held = DimseAssociation.open(receiverNode, List.of(PresentationContext.uncompressed(1, DimseClient.VERIFICATION)),
                    TIMEOUTS, null, TaskContext.none())) {
                assertThatThrownBy(() -> DimseClient.withDefaultTrust(TIMEOUTS).echo(receiverNode, TaskContext.none()))
                        .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                        .hasMessageContaining("local limit exceeded (too many associations); it may work later");
                held.release();
            }
            // Once it is free, the next one gets in.
            long echo = -1;
            for (int i = 0; i < 20 && echo < 0; i++) {
                try {
                    echo = DimseClient.withDefaultTrust(TIMEOUTS).echo(receiverNode, TaskContext.none());
                } catch (NetworkException stillBusy) {
                    Thread.sleep(100); // the receiver frees its slot just after the release
                }
            }
            assertThat(echo).isNotNegative();
        }
    }

    @Test
    void onlyAllowedPeersAndTheRightCalledAeTitleGetIn() throws Exception {
        PacsNode receiverNode = PacsNode.dimse("rx", RECEIVER_AET, "127.0.0.1", receiver.port(), false);

        assertThat(DimseClient.withDefaultTrust(TIMEOUTS).echo(receiverNode.withCallingAet(OrthancServer.AET), TaskContext.none())).isNotNegative();
        assertThatThrownBy(() -> DimseClient.withDefaultTrust(TIMEOUTS).echo(receiverNode.withCallingAet("STRANGER"), TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("calling AE title not recognised");
        assertThatThrownBy(() -> DimseClient.withDefaultTrust(TIMEOUTS).echo(
                PacsNode.dimse("rx", "NOT_LUMEN", "127.0.0.1", receiver.port(), false).withCallingAet(OrthancServer.AET), TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("called AE title not recognised");
        assertThat(REFUSED).anySatisfy(why -> assertThat(why).contains("calling AE title STRANGER at 127.0.0.1 is not among the allowed peers"));
    }
}
