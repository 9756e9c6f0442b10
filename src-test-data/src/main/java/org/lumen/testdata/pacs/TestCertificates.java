// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.pacs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A site's certificates, made fresh for a test with the openssl command line tool: the site's CA, a
 * server certificate it signed for {@code 127.0.0.1} and {@code localhost} (subject alternative names),
 * the same names in a certificate that expired in 2020, one for another host, an unrelated CA that
 * trusts none of them, and a client certificate with its key in a PKCS#12 file (mutual TLS).
 * {@code openssl ca} sets the past dates ({@code -startdate}/{@code -enddate}); no clock tricks needed.
 */
public final class TestCertificates {

    public static final Path OPENSSL = Path.of("/usr/bin/openssl");
    public static final String NOT_INSTALLED = "openssl is not installed: apt-get install openssl (see .ci/run)";
    /** The password of {@link #clientKeyStore()}. */
    public static final String CLIENT_KEY_PASSWORD = "lumen-client";
    /** The host name only {@link #otherHost()} names. */
    public static final String OTHER_HOST = "pacs.example.org";

    /** A server's certificate and its unencrypted private key, both PEM, as Orthanc and nginx take them. */
    public record Server(Path certificate, Path privateKey) { }

    private final Path dir;
    private final Path ca;
    private final Path otherCa;
    private final Server server;
    private final Server expired;
    private final Server otherHost;
    private final Path clientKeyStore;
    private final Path foreignClientKeyStore;

    private TestCertificates(Path dir, Path ca, Path otherCa, Server server, Server expired, Server otherHost, Path clientKeyStore,
                             Path foreignClientKeyStore) {
        this.dir = dir;
        this.ca = ca;
        this.otherCa = otherCa;
        this.server = server;
        this.expired = expired;
        this.otherHost = otherHost;
        this.clientKeyStore = clientKeyStore;
        this.foreignClientKeyStore = foreignClientKeyStore;
    }

    /** Makes all certificates in {@code dir} (created if needed). */
    public static TestCertificates create(Path dir) throws IOException {
        if (!Files.isExecutable(OPENSSL)) {
            throw new IllegalStateException(NOT_INSTALLED);
        }
        Files.createDirectories(dir);
        Path db = Files.createDirectories(dir.resolve("ca-db"));
        Files.writeString(db.resolve("index.txt"), "");
        Files.writeString(db.resolve("serial"), "1000\n");
        Path config = dir.resolve("ca.cnf");
        Files.writeString(config, """
                [ca]
                default_ca = site
                [site]
                database = %1$s/index.txt
                new_certs_dir = %1$s
                serial = %1$s/serial
                default_md = sha256
                policy = any
                unique_subject = no
                email_in_dn = no
                copy_extensions = none
                [any]
                commonName = supplied
                """.formatted(db));
        Path ca = authority(dir, "site-ca", "Lumen test site CA");
        Path otherCa = authority(dir, "other-ca", "Some other CA");
        String here = "IP:127.0.0.1,DNS:localhost";
        Server server = leaf(dir, config, "site-ca", "server", "localhost", here, "serverAuth", false);
        Server expired = leaf(dir, config, "site-ca", "expired", "localhost", here, "serverAuth", true);
        Server otherHost = leaf(dir, config, "site-ca", "other-host", OTHER_HOST, "DNS:" + OTHER_HOST, "serverAuth", false);
        Path clientKeyStore = keyStore(dir, leaf(dir, config, "site-ca", "client", "LUMEN", "DNS:lumen.test", "clientAuth", false), ca, "client");
        Path foreignClientKeyStore = keyStore(dir, leaf(dir, config, "other-ca", "foreign-client", "LUMEN", "DNS:lumen.test", "clientAuth", false),
                otherCa, "foreign-client");
        return new TestCertificates(dir, ca, otherCa, server, expired, otherHost, clientKeyStore, foreignClientKeyStore);
    }

    /** The site CA's certificate (PEM): what a node's trust store holds. */
    public Path caCertificate() {
        return ca;
    }

    /** An unrelated CA's certificate (PEM), which signed none of the servers' certificates. */
    public Path otherCaCertificate() {
        return otherCa;
    }

    /** Valid now and for two days, for 127.0.0.1 and localhost, signed by the site CA. */
    public Server server() {
        return server;
    }

    /** For 127.0.0.1 and localhost, signed by the site CA, valid only on 1 January 2020. */
    public Server expired() {
        return expired;
    }

    /** Valid, signed by the site CA, for {@link #OTHER_HOST} only. */
    public Server otherHost() {
        return otherHost;
    }

    /** Lumen's client certificate (signed by the site CA), its key and the CA, in PKCS#12 with {@link #CLIENT_KEY_PASSWORD}. */
    public Path clientKeyStore() {
        return clientKeyStore;
    }

    /** A client certificate signed by the other CA (which no server here trusts), its key and that CA, like {@link #clientKeyStore()}. */
    public Path foreignClientKeyStore() {
        return foreignClientKeyStore;
    }

    public Path directory() {
        return dir;
    }

    private static Path authority(Path dir, String name, String commonName) throws IOException {
        Path key = dir.resolve(name + ".key");
        Path cert = dir.resolve(name + ".crt");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "3",
                "-subj", "/CN=" + commonName, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return cert;
    }

    private static Path keyStore(Path dir, Server client, Path ca, String name) throws IOException {
        Path store = dir.resolve(name + ".p12");
        openssl(dir, "pkcs12", "-export", "-inkey", client.privateKey().toString(), "-in", client.certificate().toString(),
                "-certfile", ca.toString(), "-name", "lumen", "-out", store.toString(), "-passout", "pass:" + CLIENT_KEY_PASSWORD);
        return store;
    }

    private static Server leaf(Path dir, Path config, String issuer, String name, String commonName, String subjectAltNames, String usage, boolean expired)
            throws IOException {
        Path key = dir.resolve(name + ".key");
        Path request = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".crt");
        Path extensions = dir.resolve(name + ".ext");
        Files.writeString(extensions, """
                [leaf]
                basicConstraints = CA:FALSE
                keyUsage = critical,digitalSignature,keyEncipherment
                extendedKeyUsage = %s
                subjectAltName = %s
                """.formatted(usage, subjectAltNames));
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", request.toString(), "-subj", "/CN=" + commonName);
        List<String> sign = new ArrayList<>(List.of("ca", "-batch", "-config", config.toString(), "-cert", dir.resolve(issuer + ".crt").toString(),
                "-keyfile", dir.resolve(issuer + ".key").toString(), "-in", request.toString(), "-out", cert.toString(),
                "-extfile", extensions.toString(), "-extensions", "leaf", "-notext"));
        if (expired) {
            sign.addAll(List.of("-startdate", "20200101000000Z", "-enddate", "20200102000000Z"));
        } else {
            sign.addAll(List.of("-days", "2"));
        }
        openssl(dir, sign.toArray(String[]::new));
        return new Server(cert, key);
    }

    private static void openssl(Path dir, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl " + arguments[0] + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running openssl " + arguments[0], e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", arguments) + " failed (exit " + process.exitValue() + "):\n" + output);
        }
    }
}
