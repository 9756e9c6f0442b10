// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PACS for integration tests: Orthanc from Debian with its DICOMweb plugin, started with a
 * temporary configuration on free loopback ports and its own storage under the caller's folder, and
 * stopped by PID. Orthanc 1.10 listens on all interfaces, so the ports are always picked free, never fixed.
 */
public final class OrthancServer implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/sbin/Orthanc");
    public static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    /** What a test that needs Orthanc fails with where it is missing: such a test never passes silently. */
    public static final String NOT_INSTALLED = "Orthanc is not installed: apt-get install orthanc orthanc-dicomweb (see .ci/run)";
    /** Orthanc's own AE title in every configuration this fixture writes. */
    public static final String AET = "ORTHANC";

    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int dicomPort;
    private final Options options;
    private final HttpClient http;

    /** A peer Orthanc knows by name, so it accepts its queries and can C-MOVE to it. */
    public record Modality(String aet, String host, int port) {
        public Modality {
            Objects.requireNonNull(aet, "aet");
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * How to configure Orthanc.
     *
     * @param modalities DICOM peers by name ({@code DicomModalities})
     * @param username   the one registered HTTP user, or null for no authentication
     * @param settings   further configuration entries (e.g. {@code DicomAlwaysAllowFind}, TLS files), written as given
     */
    public record Options(Map<String, Modality> modalities, String username, String password, Map<String, Object> settings) {

        public Options {
            modalities = Map.copyOf(modalities);
            settings = Map.copyOf(settings);
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("give both a user name and a password, or neither");
            }
        }

        public static Options defaults() {
            return new Options(Map.of(), null, null, Map.of());
        }

        /** HTTP Basic authentication with one registered user. */
        public Options withUser(String user, String pass) {
            return new Options(modalities, Objects.requireNonNull(user), Objects.requireNonNull(pass), settings);
        }

        public Options withModality(String name, String aet, String host, int port) {
            Map<String, Modality> more = new LinkedHashMap<>(modalities);
            more.put(name, new Modality(aet, host, port));
            return new Options(more, username, password, settings);
        }

        /**
         * DICOM TLS on Orthanc's DICOM port (Orthanc 1.9+): its certificate and unencrypted private key (PEM, two
         * files), the CA certificates it trusts for peers (PEM; Orthanc 1.10 will not start DICOM TLS without them),
         * and whether it refuses peers that show no certificate ({@code DicomTlsRemoteCertificateRequired}, true by
         * default in Orthanc: mutual TLS). Once on, the DICOM port speaks only TLS.
         */
        public Options withDicomTls(Path certificate, Path privateKey, Path trustedCertificates, boolean remoteCertificateRequired) {
            return with("DicomTlsEnabled", true)
                    .with("DicomTlsCertificate", certificate.toAbsolutePath().toString())
                    .with("DicomTlsPrivateKey", privateKey.toAbsolutePath().toString())
                    .with("DicomTlsTrustedCertificates", trustedCertificates.toAbsolutePath().toString())
                    .with("DicomTlsRemoteCertificateRequired", remoteCertificateRequired);
        }

        /** Any other configuration entry; {@code value} is written with Jackson (strings, numbers, booleans, lists, maps). */
        public Options with(String key, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(settings);
            more.put(key, value);
            return new Options(modalities, username, password, more);
        }

        /** The password is a test fixture's, yet still kept out of logs and assertion messages. */
        @Override
        public String toString() {
            return "Options[modalities=" + modalities + ", user=" + username + ", settings=" + settings + "]";
        }
    }

    private OrthancServer(Process process, Path log, int httpPort, int dicomPort, Options options, HttpClient http) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.options = options;
        this.http = http;
    }

    /**
     * Writes a configuration into {@code workDir}, starts Orthanc and waits until its REST API answers.
     * Leaves {@code workDir} (storage, configuration, {@code orthanc.log}) to the caller.
     *
     * @throws IllegalStateException with {@link #NOT_INSTALLED} where Orthanc or its DICOMweb plugin is missing
     * @throws IOException           when Orthanc does not answer within 20 s, with the end of its log
     */
    public static OrthancServer start(Path workDir, Options options) throws IOException {
        return start(workDir, options, EXECUTABLE, DICOMWEB_PLUGIN);
    }

    /** {@link #start(Path, Options)} with other installation paths, to check what happens where Orthanc is missing. */
    static OrthancServer start(Path workDir, Options options, Path executable, Path plugin) throws IOException {
        if (!Files.isExecutable(executable) || !Files.isRegularFile(plugin)) {
            throw new IllegalStateException(NOT_INSTALLED);
        }
        Files.createDirectories(workDir);
        // Orthanc speaks HTTP/1.1 only; with the JDK's default h2c upgrade offer, uploads failed here with "header parser received no bytes".
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        IOException last = null;
        // Free ports are picked then released: another process may take one before Orthanc binds it, so try again.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = freePorts(2);
            Path config = writeConfig(workDir, ports[0], ports[1], options, plugin);
            Path log = workDir.resolve("orthanc.log");
            Process process = new ProcessBuilder(executable.toString(), config.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            OrthancServer server = new OrthancServer(process, log, ports[0], ports[1], options, http);
            try {
                server.awaitReady();
                return server;
            } catch (ExitedEarly e) {
                // Most likely a port taken between picking and binding: pick again.
                last = e;
            } catch (IOException e) {
                server.stop();
                throw e;
            }
        }
        throw last;
    }

    public int httpPort() {
        return httpPort;
    }

    public int dicomPort() {
        return dicomPort;
    }

    public String aet() {
        return AET;
    }

    public long pid() {
        return process.pid();
    }

    public Options options() {
        return options;
    }

    /** {@code http://127.0.0.1:PORT}, the REST API's root. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The DICOMweb root (QIDO-RS, WADO-RS, STOW-RS), without a trailing slash. */
    public String dicomWebRoot() {
        return baseUrl() + "/dicom-web";
    }

    /** Stores one DICOM file through the REST API; returns Orthanc's instance id. */
    public String upload(Path dicomFile) throws IOException {
        HttpRequest request = request("/instances")
                .header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(dicomFile))
                .build();
        JsonNode answer = JSON.readTree(send(request, "upload " + dicomFile));
        JsonNode id = answer.get("ID");
        if (id == null) {
            throw new IOException("Orthanc did not store " + dicomFile + ": " + answer);
        }
        return id.asText();
    }

    /** Stores every DICOM file (Part 10, with the DICM preamble) under {@code folder}, skipping other files; returns the instance ids. */
    public List<String> uploadTree(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            if (isDicomPart10(file)) {
                ids.add(upload(file));
            }
        }
        return ids;
    }

    /** Declares (or replaces) a DICOM peer through the REST API, e.g. Lumen's storage receiver as a C-MOVE destination. */
    public void registerModality(String name, String aet, String host, int port) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("AET", aet).put("Host", host).put("Port", port);
        HttpRequest request = request("/modalities/" + name)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        send(request, "register modality " + name);
    }

    /** GET on the REST API (e.g. {@code /statistics}), parsed. */
    public JsonNode getJson(String path) throws IOException {
        return JSON.readTree(send(request(path).GET().build(), "GET " + path));
    }

    /** Kills Orthanc now, without a clean shutdown: the archive vanishing mid-operation. */
    public void stop() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /** Stops Orthanc by its PID (a clean shutdown, forced after 10 s). The work folder stays for the caller. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(10))) {
            stop();
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The last lines Orthanc wrote, for failure messages. */
    public String logTail() {
        return tail(log, 30);
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        HttpRequest probe = request("/system").timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ExitedEarly("Orthanc exited with status " + process.exitValue() + " before answering; end of "
                        + log + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> answer = http.send(probe, HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Orthanc", e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IOException("Orthanc did not answer GET /system on port " + httpPort + " within " + STARTUP.toSeconds()
                + " s; end of " + log + ":\n" + logTail());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60));
        if (options.username() != null) {
            String pair = options.username() + ":" + options.password();
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private String send(HttpRequest request, String what) throws IOException {
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what, e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("Orthanc refused to " + what + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    private static Path writeConfig(Path workDir, int httpPort, int dicomPort, Options options, Path plugin) throws IOException {
        Path storage = Files.createDirectories(workDir.resolve("storage"));
        ObjectNode config = JSON.createObjectNode();
        config.put("Name", "Lumen test PACS");
        config.put("StorageDirectory", storage.toString());
        config.put("IndexDirectory", storage.toString());
        config.put("HttpPort", httpPort);
        config.put("DicomPort", dicomPort);
        config.put("DicomAet", AET);
        config.put("DicomCheckCalledAet", true);
        config.put("DicomAlwaysAllowEcho", true);
        config.put("DicomAlwaysAllowStore", true);
        config.put("DicomScpTimeout", 5);
        config.put("StableAge", 1);
        config.putArray("Plugins").add(plugin.toString());
        config.putObject("DicomWeb").put("Enable", true).put("Root", "/dicom-web/");
        ObjectNode modalities = config.putObject("DicomModalities");
        options.modalities().forEach((name, m) -> {
            ArrayNode entry = modalities.putArray(name);
            entry.add(m.aet()).add(m.host()).add(m.port());
        });
        if (options.username() != null) {
            config.put("AuthenticationEnabled", true);
            config.putObject("RegisteredUsers").put(options.username(), options.password());
        } else {
            config.put("AuthenticationEnabled", false);
        }
        options.settings().forEach((key, value) -> config.set(key, JSON.valueToTree(value)));
        Path file = workDir.resolve("orthanc.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        return file;
    }

    private static final class ExitedEarly extends IOException {
        ExitedEarly(String message) {
            super(message);
        }
    }

    private static int[] freePorts(int count) throws IOException {
        // Hold all sockets open together so the ports differ, then release them for Orthanc.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static boolean isDicomPart10(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        }
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log)";
            }
            // Decoded leniently: a log line in another encoding must not hide the rest.
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Orthanc", e);
        }
    }
}
