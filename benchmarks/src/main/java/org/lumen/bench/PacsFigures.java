// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.lumen.io.Folders;
import org.lumen.network.Timeouts;
import org.lumen.network.dicomweb.WadoRetriever;
import org.lumen.network.dimse.DimseClient;
import org.lumen.network.dimse.DimseMover;
import org.lumen.network.dimse.DimseRetriever;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.dimse.StorageReceiver;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ExecutorTaskRunner;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.task.TaskHandle;
import org.lumen.task.TaskListener;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.volume.ArrivingStudy;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.Volume;

/**
 * Retrieving a CT from a local Orthanc (issue 11; docs/performance.md, "PACS"), each Lumen figure beside a
 * baseline in the same run, alternated round by round: C-GET against DCMTK's {@code getscu}, C-MOVE into
 * Lumen's storage receiver against DCMTK's {@code movescu} with its own storage SCP, and WADO-RS against
 * {@code curl} writing the same multipart answer to one file. Target: within 1.3x of each baseline's wall
 * time. Then the progressive path (decision 0017): the time from the request to the first decodable slice
 * of the series, with the share of the instances that had arrived by then (target: under 10 %).
 */
final class PacsFigures {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
    private static final String RECEIVER_AET = "LUMEN_RX";
    private static final String MOVESCU_AET = "DCMTK_RX";
    /** WADO-RS rounds at least: one round can take twice another on a shared machine, so its median needs more of them. */
    private static final int WEB_ROUNDS = 11;

    private PacsFigures() { }

    static List<Measurement> run(Path root, Size size, int repeat, Pools pools) throws Exception {
        Path ct = BenchData.uncompressedCt(root, size);
        Path work = root.resolve("pacs");
        if (Files.exists(work)) {
            Folders.deleteTree(work);
        }
        Files.createDirectories(work);
        List<Measurement> m = new ArrayList<>();
        Path received = Files.createDirectories(work.resolve("received"));
        try (StorageReceiver receiver = StorageReceiver.start(new StorageReceiver.Settings(RECEIVER_AET, InetAddress.getLoopbackAddress(), 0,
                List.of(new StorageReceiver.AllowedPeer(OrthancServer.AET, "127.0.0.1")), TIMEOUTS), received, pools.servers(),
                (file, studyUid, callingAet) -> { });
             OrthancServer orthanc = OrthancServer.start(work.resolve("orthanc"), OrthancServer.Options.defaults()
                .withModality("lumen", "LUMEN", "127.0.0.1", 11112))) {
            System.err.printf("uploading %s to a local Orthanc ...%n", ct);
            orthanc.uploadTree(ct);
            int movescuPort = freePort();
            orthanc.registerModality("rx", RECEIVER_AET, "127.0.0.1", receiver.port());
            orthanc.registerModality("dcmtk", MOVESCU_AET, "127.0.0.1", movescuPort);
            PacsNode dimse = InlineNodes.parse("dimse://ORTHANC@127.0.0.1:" + orthanc.dicomPort());
            PacsNode web = InlineNodes.parse("dicomweb+http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web");
            String study = DimseClient.withDefaultTrust(TIMEOUTS).findStudies(dimse, StudyQuery.any(), TaskContext.none())
                    .getFirst().studyInstanceUid();
            int slices = BenchData.dicomFiles(ct).size();
            Rounds lumenGet = new Rounds(repeat);
            Rounds getscu = new Rounds(repeat);
            Rounds lumenMove = new Rounds(repeat);
            Rounds movescu = new Rounds(repeat);
            boolean haveGetscu = onPath("getscu");
            boolean haveMovescu = onPath("movescu");
            boolean haveCurl = onPath("curl");
            // One round first, unmeasured: JIT and Orthanc's own caches warm up.
            new DimseRetriever(TIMEOUTS, null).get(dimse, study, null, fresh(work, "warm-get"), TaskContext.none());
            new DimseMover(TIMEOUTS, null).move(dimse, study, null, RECEIVER_AET, TaskContext.none());
            Folders.deleteTree(received.resolve(study));
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                int got = new DimseRetriever(TIMEOUTS, null).get(dimse, study, null, fresh(work, "get-" + r), TaskContext.none()).files().size();
                lumenGet.add(millis(t0));
                check(got, slices, "C-GET");
                if (haveGetscu) {
                    Path dir = fresh(work, "getscu-" + r);
                    long t1 = System.nanoTime();
                    run(List.of("getscu", "-aet", "LUMEN", "-aec", "ORTHANC", "127.0.0.1", String.valueOf(orthanc.dicomPort()),
                            "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "-od", dir.toString()));
                    getscu.add(millis(t1));
                }
                long t2 = System.nanoTime();
                int moved = new DimseMover(TIMEOUTS, null).move(dimse, study, null, RECEIVER_AET, TaskContext.none()).completed();
                lumenMove.add(millis(t2));
                check(moved, slices, "C-MOVE");
                check(count(received.resolve(study)), slices, "C-MOVE into the receiver");
                Folders.deleteTree(received.resolve(study));
                if (haveMovescu) {
                    Path dir = fresh(work, "movescu-" + r);
                    long t3 = System.nanoTime();
                    // movescu is its own storage SCP on --port for the archive's sub-association, as Lumen's receiver is.
                    run(List.of("movescu", "-S", "-aet", "LUMEN", "-aec", "ORTHANC", "-aem", MOVESCU_AET, "--port", String.valueOf(movescuPort),
                            "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "-od", dir.toString(),
                            "127.0.0.1", String.valueOf(orthanc.dicomPort())));
                    movescu.add(millis(t3));
                    check(count(dir), slices, "movescu");
                }
                Folders.deleteTree(work.resolve("get-" + r));
                Folders.deleteTree(work.resolve("getscu-" + r));
                Folders.deleteTree(work.resolve("movescu-" + r));
            }
            String what = String.format(Locale.ROOT, "retrieve a %d-slice %dx%d CT from a local Orthanc", slices, size.columns(), size.rows());
            m.add(new Measurement(what + " over C-GET: ms, median", lumenGet.median(), "ms", haveGetscu ? "DCMTK getscu, same study" : null,
                    haveGetscu ? getscu.median() : null, "target: within 1.3x of getscu; " + lumenGet.range("Lumen") + ", " + getscu.range("getscu")));
            m.add(new Measurement(what + " over C-MOVE: ms, median", lumenMove.median(), "ms",
                    haveMovescu ? "DCMTK movescu with its own storage SCP" : null, haveMovescu ? movescu.median() : null,
                    "target: within 1.3x of movescu; " + lumenMove.range("Lumen") + ", " + movescu.range("movescu")));
            m.addAll(web(web, study, slices, work, haveCurl, Math.max(WEB_ROUNDS, 2 * repeat), what));
            m.addAll(firstSlice(dimse, web, study, ct, slices, work, pools, repeat));
        }
        return m;
    }

    /** WADO-RS against curl: two warm-up rounds each, then alternated rounds; the spread is part of the figure. */
    private static List<Measurement> web(PacsNode web, String study, int slices, Path work, boolean haveCurl, int rounds, String what)
            throws Exception {
        Rounds lumen = new Rounds(rounds);
        Rounds curl = new Rounds(rounds);
        for (int r = -2; r < rounds; r++) {
            try (WadoRetriever wado = new WadoRetriever(web, TIMEOUTS, Credentials.none())) {
                long t0 = System.nanoTime();
                int fetched = wado.get(study, null, fresh(work, "wado"), TaskContext.none()).files().size();
                if (r >= 0) {
                    lumen.add(millis(t0));
                }
                check(fetched, slices, "WADO-RS");
            }
            if (haveCurl) {
                Path file = fresh(work, "curl").resolve("answer.multipart");
                long t1 = System.nanoTime();
                run(List.of("curl", "-sf", "-o", file.toString(), "-H",
                        "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*", web.baseUrl() + "/studies/" + study));
                if (r >= 0) {
                    curl.add(millis(t1));
                }
            }
            Folders.deleteTree(work.resolve("wado"));
        }
        return List.of(new Measurement(what + " over WADO-RS: ms, median of " + rounds, lumen.median(), "ms",
                haveCurl ? "curl of the same request to one file" : null, haveCurl ? curl.median() : null,
                "target: within 1.3x of curl; Lumen also splits the parts into files; " + lumen.range("Lumen") + ", " + curl.range("curl")));
    }

    /**
     * The progressive path: a retrieve runs on the I/O pool and tells an {@link ArrivingStudy}; this thread
     * polls it (every millisecond, where the window looks every 250 ms) and decodes the first slice of the
     * first plan. Measured: request to decoded slice, the share of instances written by then, and the
     * whole retrieve's time with the arriving study attached, against the plain C-GET alternated with it.
     */
    private static List<Measurement> firstSlice(PacsNode dimse, PacsNode web, String study, Path ct, int slices, Path work, Pools pools,
                                                int repeat) throws Exception {
        String series = new DicomHeaderReader().read(BenchData.dicomFiles(ct).getFirst()).series().seriesInstanceUid();
        List<Measurement> m = new ArrayList<>();
        for (String protocol : List.of("C-GET", "WADO-RS")) {
            Rounds first = new Rounds(repeat);
            Rounds share = new Rounds(repeat);
            Rounds whole = new Rounds(repeat);
            Rounds alone = new Rounds(repeat);
            for (int r = -1; r < repeat; r++) {
                Path folder = fresh(work, "arriving");
                ArrivingStudy arriving = new ArrivingStudy(study, slices, pools.io());
                SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), new PixelCache(256L << 20));
                long t0 = System.nanoTime();
                TaskHandle<RetrieveResult> retrieve = new ExecutorTaskRunner(pools.io(), TaskListener.NONE).submit(BackgroundTask.of(
                        "retrieve", task -> protocol.equals("C-GET")
                                ? new DimseRetriever(TIMEOUTS, null).get(dimse, study, null, folder, arriving::arrived, task)
                                : wado(web, study, folder, arriving, task)));
                StackPlan plan = arriving.latest().plans().get(series);
                long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
                while (plan == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no plan of the series within 60 s of a " + protocol + " retrieve");
                    }
                    Thread.sleep(1);
                    plan = arriving.latest().plans().get(series);
                }
                try (Volume v = loader.open(plan)) {
                    v.slice(0);
                }
                double ms = millis(t0);
                int arrived = arriving.announced();
                int got = retrieve.join().files().size();
                double total = millis(t0);
                arriving.finished();
                check(got, slices, protocol + " with progressive display");
                if (r >= 0) {
                    first.add(ms);
                    share.add(100.0 * arrived / slices);
                    whole.add(total);
                }
                if (protocol.equals("C-GET") && r >= 0) {
                    // The same retrieve without an arriving study, alternated round by round: what progressive display costs.
                    long t1 = System.nanoTime();
                    check(new DimseRetriever(TIMEOUTS, null).get(dimse, study, null, fresh(work, "arriving"), TaskContext.none()).files().size(),
                            slices, "C-GET");
                    alone.add(millis(t1));
                }
            }
            Folders.deleteTree(work.resolve("arriving"));
            m.add(new Measurement(String.format(Locale.ROOT, "first slice decodable during a %s retrieve: ms, median", protocol), first.median(), "ms",
                    "the whole retrieve, progressive display on", whole.median(), String.format(Locale.ROOT,
                            "%.1f %% of the instances had arrived (median; %.1f-%.1f %%), target < 10 %%; %s", share.median(), share.min(),
                            share.max(), first.range("first slice"))));
            if (protocol.equals("C-GET")) {
                m.add(new Measurement("C-GET with progressive display on (ArrivingStudy told of each instance): ms, median", whole.median(), "ms",
                        "the same C-GET alone, alternated with it", alone.median(), "what showing the study while it arrives costs the retrieve; "
                        + whole.range("with") + ", " + alone.range("alone")));
            }
        }
        return m;
    }

    private static RetrieveResult wado(PacsNode web, String study, Path folder, ArrivingStudy arriving, TaskContext task) throws Exception {
        try (WadoRetriever wado = new WadoRetriever(web, TIMEOUTS, Credentials.none())) {
            return wado.get(study, null, folder, arriving::arrived, task);
        }
    }

    /** Wall times of one figure's rounds. */
    private static final class Rounds {
        private final double[] values;
        private int n;

        Rounds(int capacity) {
            values = new double[capacity];
        }

        void add(double v) {
            values[n++] = v;
        }

        double median() {
            return n == 0 ? Double.NaN : PacsFigures.median(Arrays.copyOf(values, n));
        }

        double min() {
            return Arrays.stream(values, 0, n).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(values, 0, n).max().orElse(Double.NaN);
        }

        String range(String who) {
            return n == 0 ? who + " not run" : String.format(Locale.ROOT, "%s %.0f-%.0f ms", who, min(), max());
        }
    }

    private static int count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return (int) files.filter(Files::isRegularFile).count();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void check(int got, int expected, String how) {
        if (got != expected) {
            throw new IllegalStateException(how + " brought " + got + " instances, not " + expected);
        }
    }

    private static Path fresh(Path work, String name) throws IOException {
        Path dir = work.resolve(name);
        if (Files.exists(dir)) {
            Folders.deleteTree(dir);
        }
        return Files.createDirectories(dir);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // DCMTK leaves Nagle's algorithm on unless told: without this, each C-STORE answer waits for a delayed ACK.
        builder.environment().put("TCP_NODELAY", "1");
        Process p = builder.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(command.getFirst() + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
