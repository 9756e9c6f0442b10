// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.InstanceFiles;
import org.lumen.network.dicom.InstanceHeads;
import org.lumen.viewer.dicom.Part10Files;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.dimse.SendResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;
import org.lumen.testdata.HeadMrSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/**
 * WADO-RS and STOW-RS against a scripted loopback server, for what Orthanc does not do: refusing
 * {@code transfer-syntax=*}, bare data sets as parts, a body that stalls, and a STOW-RS answer that
 * lists failed instances with their reasons.
 */
class DicomWebTransferFaultsTest {

    private static final String BOUNDARY = "stub-boundary";
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir
    Path dir;
    private HttpServer server;
    private final Queue<String> accepts = new ConcurrentLinkedQueue<>();
    private List<Path> files;
    private String base;

    @BeforeEach
    void phantom() throws IOException {
        PhantomResult mr = Phantoms.writeMrSeries(dir.resolve("mr"), HeadMrSpec.builder().seed(61).size(Size.of(16, 16, 2)).build());
        try (Stream<Path> walk = Files.walk(mr.directory())) {
            files = walk.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anArchiveThatRefusesAnySyntaxIsAskedForItsDefaultAndBareDataSetsBecomePart10Files() throws Exception {
        InstanceFiles.Instance bare = InstanceFiles.read(files.get(0));
        byte[] dataSet = Arrays.copyOfRange(Files.readAllBytes(bare.file()), (int) bare.dataSetOffset(), (int) Files.size(bare.file()));
        serve(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/studies")) {
                reply(exchange, 200, "application/dicom+json", "[]".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            accepts.add(accept);
            if (accept.contains("transfer-syntax=*")) {
                reply(exchange, 406, "text/plain", "no".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            part(body, "application/dicom; transfer-syntax=" + bare.transferSyntaxUid(), dataSet);
            part(body, "application/dicom", Files.readAllBytes(files.get(1)));
            body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            reply(exchange, 200, "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY, body.toByteArray());
        });
        Path into = dir.resolve("cache");

        RetrieveResult result;
        try (WadoRetriever wado = new WadoRetriever(node(), SHORT, Credentials.none())) {
            result = wado.get("1.2.3", null, into, TaskContext.none());
        }

        assertThat(accepts).containsExactly(WadoRetriever.ACCEPT_AS_STORED, WadoRetriever.ACCEPT_DEFAULT);
        assertThat(result.files()).hasSize(2);
        Path written = into.resolve(bare.sopInstanceUid() + ".dcm");
        InstanceFiles.Instance read = InstanceFiles.read(written);
        assertThat(read.sopClassUid()).isEqualTo(bare.sopClassUid());
        assertThat(read.transferSyntaxUid()).isEqualTo(bare.transferSyntaxUid());
        // The data set is kept byte for byte behind the file meta information Lumen wrote for it.
        byte[] kept = Files.readAllBytes(written);
        assertThat(Arrays.copyOfRange(kept, (int) read.dataSetOffset(), kept.length)).isEqualTo(dataSet);
        assertThat(Files.readAllBytes(into.resolve(InstanceFiles.read(files.get(1)).sopInstanceUid() + ".dcm")))
                .isEqualTo(Files.readAllBytes(files.get(1)));
    }

    @Test
    void aBodyThatStallsIsATimeoutAndKeepsTheWholeParts() throws Exception {
        serve(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/studies")) {
                reply(exchange, 200, "application/dicom+json", "[]".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            part(first, "application/dicom", Files.readAllBytes(files.get(0)));
            // The delimiter that closes the first part, and half of the second part.
            first.write(("\r\n--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            first.write(Files.readAllBytes(files.get(1)), 0, 300);
            out.write(first.toByteArray());
            out.flush();
            pause(Duration.ofSeconds(4));
            exchange.close();
        });
        Path into = dir.resolve("cache");
        long start = System.nanoTime();

        try (WadoRetriever wado = new WadoRetriever(node(), SHORT, Credentials.none())) {
            assertThatThrownBy(() -> wado.get("1.2.3", null, into, TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessage(base + " stopped sending during a WADO-RS retrieve for 1 s");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        try (Stream<Path> kept = Files.list(into)) {
            assertThat(kept.map(p -> p.getFileName().toString()).toList())
                    .containsExactly(InstanceFiles.read(files.get(0)).sopInstanceUid() + ".dcm");
        }
    }

    @Test
    void aStowAnswerThatListsFailuresSaysWhyPerFile() throws Exception {
        InstanceFiles.Instance good = InstanceFiles.read(files.get(0));
        InstanceFiles.Instance refused = InstanceFiles.read(files.get(1));
        Queue<List<byte[]>> requests = new ConcurrentLinkedQueue<>();
        serve(exchange -> {
            // What went out, read back part by part with the boundary the request names.
            String boundary = MediaType.parse(exchange.getRequestHeaders().getFirst("Content-Type")).parameter("boundary");
            MultipartReader reader = new MultipartReader(exchange.getRequestBody(), boundary);
            List<byte[]> parts = new java.util.ArrayList<>();
            for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
                parts.add(part.content().readAllBytes());
            }
            requests.add(parts);
            String answer = """
                    {"00081199": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["%s"]}}]},
                     "00081198": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["%s"]},
                                                        "00081197": {"vr": "US", "Value": [49442]}}]}}
                    """.formatted(good.sopInstanceUid(), refused.sopInstanceUid());
            reply(exchange, 202, "application/dicom+json", answer.getBytes(StandardCharsets.US_ASCII));
        });

        SendResult result;
        try (StowSender stow = new StowSender(node(), SHORT, Credentials.none())) {
            result = stow.send(files, TaskContext.none());
        }

        assertThat(result.stored()).containsExactly(files.get(0));
        assertThat(result.notStored()).isEqualTo(Map.of(files.get(1), base + " refused it: transfer syntax not supported (0xC122)"));
        // Both files went out whole, as the parts of one request whose Content-Length was right (or the reader would have failed).
        assertThat(requests).singleElement().satisfies(parts -> {
            assertThat(parts).hasSize(2);
            assertThat(parts.get(0)).isEqualTo(Files.readAllBytes(files.get(0)));
            assertThat(parts.get(1)).isEqualTo(Files.readAllBytes(files.get(1)));
        });
    }

    @Test
    void aStowToAnArchiveThatStopsReadingIsATimeoutAndACancelStopsItAtOnce() throws Exception {
        // One big instance: file meta information, then 32 MiB the archive never reads.
        Path big = dir.resolve("big.dcm");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(Part10Files.header("1.2.840.10008.5.1.4.1.1.7", "1.2.3.4.5", InstanceHeads.EXPLICIT_VR_LITTLE_ENDIAN, null));
            out.write(new byte[32 << 20]);
        }
        serve(exchange -> pause(Duration.ofSeconds(3)));

        long start = System.nanoTime();
        try (StowSender stow = new StowSender(node(), SHORT, Credentials.none())) {
            assertThatThrownBy(() -> stow.send(List.of(big), TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessage(base + " did not answer a STOW-RS send within 1 s");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

        long cancelAt = System.nanoTime() + Duration.ofMillis(300).toNanos();
        TaskContext cancelled = new TaskContext() {
            @Override public void progress(long done, long total) { }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() {
                return System.nanoTime() > cancelAt;
            }
        };
        try (StowSender stow = new StowSender(node(), new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)), Credentials.none())) {
            assertThatThrownBy(() -> stow.send(List.of(big), cancelled))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED))
                    .hasMessage("a STOW-RS send on " + base + " was cancelled");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - cancelAt)).isLessThan(Duration.ofSeconds(2));
    }

    private PacsNode node() {
        return new PacsNode("stub", PacsNode.Protocol.DICOMWEB, null, null, null, 0, false, URI.create(base), PacsNode.Auth.NONE);
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web";
    }

    private static void part(ByteArrayOutputStream body, String type, byte[] content) throws IOException {
        body.write(("\r\n--" + BOUNDARY + "\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
