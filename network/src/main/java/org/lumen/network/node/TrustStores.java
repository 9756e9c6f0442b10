// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;

/**
 * The one place a node's TLS context is made: its own CA certificates (a PEM file, or a PKCS#12 trust
 * store) judge the archive's certificate instead of the platform's trust store, and its client key store
 * (PKCS#12) answers archives that require a client certificate. Files that cannot serve are refused with
 * a sentence naming the file and what is wrong with it, before anything is sent.
 */
public final class TrustStores {

    private TrustStores() { }

    /**
     * The TLS context for {@code node}: the platform's default where the node names no trust store and no
     * client key store, else one built from those files.
     *
     * @param clientKeyPassword the client key store's password (from the secrets file); null or empty for none
     * @throws NetworkException {@link Reason#TLS}, when a file is missing, unreadable, empty or not what it should be
     */
    public static SSLContext forNode(PacsNode node, char[] clientKeyPassword) throws NetworkException {
        if (node.trustStore() == null && node.clientKeys() == null) {
            return platform();
        }
        TrustManager[] trust = null; // null: the platform's trust store
        if (node.trustStore() != null) {
            TrustManagerFactory factory = trustManagers(node.trustStore(), node.name());
            trust = factory.getTrustManagers();
        }
        KeyManager[] keys = null;
        if (node.clientKeys() != null) {
            keys = keyManagers(node.clientKeys(), clientKeyPassword == null ? new char[0] : clientKeyPassword, node.name());
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no TLS", e);
        }
    }

    /** The platform's default TLS context: its trust store, no client certificate. */
    public static SSLContext platform() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no TLS", e);
        }
    }

    /** The certificates in {@code file}: PEM (one or more {@code BEGIN CERTIFICATE} blocks), DER, or PKCS#12 trusted entries. */
    public static List<X509Certificate> certificates(Path file, String nodeName) throws NetworkException {
        byte[] bytes = read(file, "trust store", nodeName);
        String what = "the trust store " + file + " of node '" + nodeName + "'";
        if (bytes.length == 0) {
            throw new NetworkException(Reason.TLS, what + " is empty: give the site's CA certificates as a PEM file "
                    + "(-----BEGIN CERTIFICATE-----) or a PKCS#12 file");
        }
        List<X509Certificate> found;
        if (isPkcs12Name(file) || (!looksLikePem(bytes) && !parsesAsCertificates(bytes))) {
            found = fromPkcs12(bytes, what);
        } else {
            found = fromPem(bytes, what);
        }
        if (found.isEmpty()) {
            throw new NetworkException(Reason.TLS, what + " holds no certificate: give the site's CA certificates as a PEM file "
                    + "(-----BEGIN CERTIFICATE-----) or a PKCS#12 file");
        }
        return found;
    }

    private static TrustManagerFactory trustManagers(Path file, String nodeName) throws NetworkException {
        List<X509Certificate> certificates = certificates(file, nodeName);
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new NetworkException(Reason.TLS, "the certificates in " + file + " cannot serve as a trust store: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Path file, char[] password, String nodeName) throws NetworkException {
        byte[] bytes = read(file, "client key store", nodeName);
        String what = "the client key store " + file + " of node '" + nodeName + "'";
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new NetworkException(Reason.TLS, what + " cannot be opened with the password given (a wrong or missing "
                        + "password: it is kept in the secrets file; give it again with lumen pacs add … --client-key-password-file)", e);
            }
            throw new NetworkException(Reason.TLS, what + " is not a PKCS#12 file (.p12) with a certificate and its key: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new NetworkException(Reason.TLS, what + " cannot be read: " + e.getMessage(), e);
        }
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new NetworkException(Reason.TLS, what + " holds no private key: it needs Lumen's certificate together with its key "
                        + "(openssl pkcs12 -export -inkey lumen.key -in lumen.crt -out lumen.p12)");
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw new NetworkException(Reason.TLS, what + ": its key cannot be opened with the password given", e);
        } catch (GeneralSecurityException e) {
            throw new NetworkException(Reason.TLS, what + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file, String kind, String nodeName) throws NetworkException {
        try {
            if (Files.isDirectory(file)) {
                throw new NetworkException(Reason.TLS, "the " + kind + " " + file + " of node '" + nodeName + "' is a folder, not a file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NetworkException(Reason.TLS, "the " + kind + " " + file + " of node '" + nodeName + "' does not exist", e);
        } catch (AccessDeniedException e) {
            throw new NetworkException(Reason.TLS, "the " + kind + " " + file + " of node '" + nodeName + "' cannot be read (permission denied)", e);
        } catch (NetworkException e) {
            throw e;
        } catch (IOException e) {
            throw new NetworkException(Reason.TLS, "the " + kind + " " + file + " of node '" + nodeName + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> fromPem(byte[] bytes, String what) throws NetworkException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (looksLikePem(bytes) && !text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new NetworkException(Reason.TLS, what + " holds no certificate" + (text.contains("PRIVATE KEY-----")
                    ? " (it holds a private key: a trust store holds the CA's certificate, never a key)" : "")
                    + ": give the site's CA certificates as a PEM file (-----BEGIN CERTIFICATE-----) or a PKCS#12 file");
        }
        try {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
            List<X509Certificate> found = new ArrayList<>();
            for (Certificate c : all) {
                found.add((X509Certificate) c);
            }
            return found;
        } catch (CertificateException e) {
            throw new NetworkException(Reason.TLS, what + " is not a certificate file: it is neither PEM certificates "
                    + "(-----BEGIN CERTIFICATE-----) nor PKCS#12 (" + e.getMessage() + ")", e);
        }
    }

    private static List<X509Certificate> fromPkcs12(byte[] bytes, String what) throws NetworkException {
        // A trust store's certificates are public: read without a password (keytool's PKCS#12 does not encrypt them).
        for (char[] password : new char[][] {null, new char[0]}) {
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, password);
                List<X509Certificate> found = new ArrayList<>();
                for (String alias : Collections.list(store.aliases())) {
                    Certificate c = store.isCertificateEntry(alias) ? store.getCertificate(alias) : null;
                    if (c == null && store.isKeyEntry(alias)) {
                        Certificate[] chain = store.getCertificateChain(alias);
                        c = chain == null || chain.length == 0 ? null : chain[chain.length - 1];
                    }
                    if (c instanceof X509Certificate x) {
                        found.add(x);
                    }
                }
                if (!found.isEmpty()) {
                    return found;
                }
            } catch (IOException | GeneralSecurityException e) {
                // Try the next password, then say what the file is not.
            }
        }
        throw new NetworkException(Reason.TLS, what + " is not a certificate file Lumen can read: neither PEM certificates "
                + "(-----BEGIN CERTIFICATE-----) nor a PKCS#12 file whose certificates are readable without a password "
                + "(keytool encrypts them: export them as PEM with keytool -exportcert -rfc -keystore FILE -file ca.pem, "
                + "or openssl pkcs12 -in FILE -nokeys -out ca.pem, and give that file)");
    }

    private static boolean isPkcs12Name(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    private static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.ISO_8859_1).contains("-----BEGIN");
    }

    private static boolean parsesAsCertificates(byte[] bytes) {
        try {
            return !CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).isEmpty();
        } catch (CertificateException e) {
            return false;
        }
    }
}
