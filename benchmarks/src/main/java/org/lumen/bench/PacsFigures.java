// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.IOException;
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
import org.lumen.network.dimse.DimseRetriever;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.TaskContext;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;

/**
 * Retrieving a CT from a local Orthanc (issue 11; docs/performance.md, "PACS"): Lumen's C-GET against
 * DCMTK's {@code getscu}, and Lumen's WADO-RS against {@code curl} writing the same multipart answer to
 * one file, each pair alternated in the same run. Target: within 1.3x of each baseline's wall time.
 */
final class PacsFigures {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    private PacsFigures() { }

    static List<Measurement> run(Path root, Size size, int repeat) throws Exception {
        Path ct = BenchData.uncompressedCt(root, size);
        Path work = root.resolve("pacs");
        if (Files.exists(work)) {
            Folders.deleteTree(work);
        }
        Files.createDirectories(work);
        List<Measurement> m = new ArrayList<>();
        try (OrthancServer orthanc = OrthancServer.start(work.resolve("orthanc"), OrthancServer.Options.defaults()
                .withModality("lumen", "LUMEN", "127.0.0.1", 11112))) {
            System.err.printf("uploading %s to a local Orthanc ...%n", ct);
            orthanc.uploadTree(ct);
            PacsNode dimse = InlineNodes.parse("dimse://ORTHANC@127.0.0.1:" + orthanc.dicomPort());
            PacsNode web = InlineNodes.parse("dicomweb+http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web");
            String study = DimseClient.withDefaultTrust(TIMEOUTS).findStudies(dimse, StudyQuery.any(), TaskContext.none())
                    .getFirst().studyInstanceUid();
            int slices = BenchData.dicomFiles(ct).size();
            double[] lumenGet = new double[repeat];
            double[] getscu = new double[repeat];
            double[] lumenWado = new double[repeat];
            double[] curl = new double[repeat];
            boolean haveGetscu = onPath("getscu");
            boolean haveCurl = onPath("curl");
            // One round first, unmeasured: JIT and Orthanc's own caches warm up.
            new DimseRetriever(TIMEOUTS, null).get(dimse, study, null, fresh(work, "warm-get"), TaskContext.none());
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                int got = new DimseRetriever(TIMEOUTS, null).get(dimse, study, null, fresh(work, "get-" + r), TaskContext.none()).files().size();
                lumenGet[r] = millis(t0);
                check(got, slices, "C-GET");
                if (haveGetscu) {
                    Path dir = fresh(work, "getscu-" + r);
                    long t1 = System.nanoTime();
                    run(List.of("getscu", "-aet", "LUMEN", "-aec", "ORTHANC", "127.0.0.1", String.valueOf(orthanc.dicomPort()),
                            "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "-od", dir.toString()));
                    getscu[r] = millis(t1);
                }
                try (WadoRetriever wado = new WadoRetriever(web, TIMEOUTS, Credentials.none())) {
                    long t2 = System.nanoTime();
                    int fetched = wado.get(study, null, fresh(work, "wado-" + r), TaskContext.none()).files().size();
                    lumenWado[r] = millis(t2);
                    check(fetched, slices, "WADO-RS");
                }
                if (haveCurl) {
                    Path file = fresh(work, "curl-" + r).resolve("answer.multipart");
                    long t3 = System.nanoTime();
                    run(List.of("curl", "-sf", "-o", file.toString(), "-H",
                            "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*", web.baseUrl() + "/studies/" + study));
                    curl[r] = millis(t3);
                }
                Folders.deleteTree(work.resolve("get-" + r));
                Folders.deleteTree(work.resolve("wado-" + r));
            }
            String what = String.format(Locale.ROOT, "retrieve a %d-slice %dx%d CT from a local Orthanc", slices, size.columns(), size.rows());
            m.add(new Measurement(what + " over C-GET: ms, median", median(lumenGet), "ms", haveGetscu ? "DCMTK getscu, same study" : null,
                    haveGetscu ? median(getscu) : null, "target: within 1.3x of getscu"));
            m.add(new Measurement(what + " over WADO-RS: ms, median", median(lumenWado), "ms", haveCurl ? "curl of the same request to one file" : null,
                    haveCurl ? median(curl) : null, "target: within 1.3x of curl; Lumen also splits the parts into files"));
        }
        return m;
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
