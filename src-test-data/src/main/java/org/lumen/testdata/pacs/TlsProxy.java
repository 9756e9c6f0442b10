// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.pacs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HTTPS the way sites deploy it in front of Orthanc: Debian's nginx terminating TLS on a free loopback
 * port and passing each request on to Orthanc's plain HTTP port, unbuffered both ways (streamed WADO-RS
 * answers and STOW-RS uploads). Orthanc 1.10's own HTTPS is not used: in Debian's build it crashed on the
 * first request. nginx runs in the foreground as one process ({@code master_process off}), with its
 * configuration, log and temporary folders in the caller's folder, and is stopped by PID.
 */
public final class TlsProxy implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/sbin/nginx");
    /** What a test that needs nginx fails with where it is missing: such a test never passes silently. */
    public static final String NOT_INSTALLED = "nginx is not installed: apt-get install nginx (see .ci/run)";

    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Path log;
    private final int port;

    private TlsProxy(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts nginx with {@code certificate} on a free loopback port in front of {@code http://127.0.0.1:upstreamPort}.
     *
     * @param clientCas where not null, nginx requires a client certificate signed by one of these CAs (PEM): mutual TLS
     * @throws IllegalStateException with {@link #NOT_INSTALLED} where nginx is missing
     * @throws IOException           when nginx does not listen within 10 s, with the end of its log
     */
    public static TlsProxy start(Path workDir, TestCertificates.Server certificate, int upstreamPort, Path clientCas) throws IOException {
        return start(workDir, certificate, upstreamPort, clientCas, EXECUTABLE);
    }

    /** {@link #start(Path, TestCertificates.Server, int, Path)} with another executable, to check what happens where nginx is missing. */
    static TlsProxy start(Path workDir, TestCertificates.Server certificate, int upstreamPort, Path clientCas, Path executable)
            throws IOException {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(NOT_INSTALLED);
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve("nginx-error.log");
        IOException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path config = writeConfig(workDir, port, certificate, upstreamPort, clientCas, log);
            // -e: the error log from the first line on (else nginx first opens /var/log/nginx/error.log); -p: relative paths.
            Process process = new ProcessBuilder(executable.toString(), "-p", workDir.toString(), "-e", log.toString(), "-c", config.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("nginx.out").toFile()))
                    .start();
            TlsProxy proxy = new TlsProxy(process, log, port);
            try {
                proxy.awaitListening();
                return proxy;
            } catch (ExitedEarly e) {
                last = e; // most likely the port was taken between picking and binding
            } catch (IOException e) {
                proxy.close();
                throw e;
            }
        }
        throw last;
    }

    public int port() {
        return port;
    }

    /** {@code https://HOST:PORT}: the proxy's root, where Orthanc's REST API and {@code /dicom-web} answer. */
    public String baseUrl(String host) {
        return "https://" + host + ":" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops nginx by its PID (graceful, forced after 5 s). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of nginx's error log, for failure messages. */
    public String logTail() {
        return tail(log);
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ExitedEarly("nginx exited with status " + process.exitValue() + " before listening; end of " + log + ":\n" + logTail());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                // Not listening yet.
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for nginx", e);
            }
        }
        throw new IOException("nginx did not listen on port " + port + " within " + STARTUP.toSeconds() + " s; end of " + log + ":\n" + logTail());
    }

    private static Path writeConfig(Path dir, int port, TestCertificates.Server certificate, int upstreamPort, Path clientCas, Path log)
            throws IOException {
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(dir.resolve("temp").resolve(temp));
        }
        String mutual = clientCas == null ? "" : """
                        ssl_client_certificate %s;
                        ssl_verify_client on;
                """.formatted(clientCas.toAbsolutePath());
        String config = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %2$s info;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/temp/client_body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        server_name localhost;
                        ssl_certificate %4$s;
                        ssl_certificate_key %5$s;
                %6$s
                        location / {
                            proxy_pass http://127.0.0.1:%7$d;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host:$server_port;
                            proxy_set_header X-Forwarded-Proto https;
                            proxy_buffering off;
                            proxy_request_buffering off;
                            client_max_body_size 0;
                            proxy_read_timeout 300s;
                            proxy_send_timeout 300s;
                        }
                    }
                }
                """.formatted(dir.toAbsolutePath(), log.toAbsolutePath(), port, certificate.certificate().toAbsolutePath(),
                certificate.privateKey().toAbsolutePath(), mutual, upstreamPort);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, config);
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no log)";
            }
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class ExitedEarly extends IOException {
        ExitedEarly(String message) {
            super(message);
        }
    }
}
