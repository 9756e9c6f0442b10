// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.InstanceFiles;
import org.lumen.network.dicom.InstanceFiles.Instance;
import org.lumen.network.dimse.SendResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;

/**
 * STOW-RS (PS3.18 10.5): sends DICOM files to {@code {root}/studies} as multipart/related requests,
 * each file a part, read from disk while it goes out (never a whole file or request in memory), in
 * batches of at most {@value #MAX_BATCH_FILES} files or {@value #MAX_BATCH_BYTES} bytes. The archive's
 * answer says which instances it stored and why it refused the others; files that are not DICOM
 * Part 10 are reported and not sent. Close it to release the HTTP client.
 */
public final class StowSender implements AutoCloseable {

    static final int MAX_BATCH_FILES = 100;
    static final long MAX_BATCH_BYTES = 256L << 20;

    private static final String WHAT = "a STOW-RS send";
    private static final String ACCEPT = "application/dicom+json, application/json;q=0.9";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DicomWebHttp http;
    private final int maxBatchFiles;

    public StowSender(PacsNode node, Timeouts timeouts, Credentials credentials) {
        this(node, timeouts, credentials, null);
    }

    /** @param tls judges the server's certificate (a site's own CA); null for the JDK's default trust store */
    public StowSender(PacsNode node, Timeouts timeouts, Credentials credentials, SSLContext tls) {
        this(new DicomWebHttp(node, timeouts, credentials, tls), MAX_BATCH_FILES);
    }

    /** With smaller batches, for tests of a send in several requests. */
    StowSender(DicomWebHttp http, int maxBatchFiles) {
        this.http = http;
        this.maxBatchFiles = maxBatchFiles;
    }

    /**
     * Sends {@code files}; progress counts files done (sent or refused) out of all given.
     *
     * @return the files the archive stored, and for each other file why not
     * @throws NetworkException when a request fails as a whole (no connection, credentials, cancel, …)
     */
    public SendResult send(List<Path> files, TaskContext task) throws NetworkException {
        Map<Path, String> notStored = new LinkedHashMap<>();
        List<Instance> instances = InstanceFiles.readAll(files, notStored);
        List<Path> stored = new ArrayList<>();
        task.progress(notStored.size(), files.size());
        List<Instance> batch = new ArrayList<>();
        long batchBytes = 0;
        for (Instance instance : instances) {
            long size = instance.dataSetOffset() + instance.length();
            if (!batch.isEmpty() && (batch.size() >= maxBatchFiles || batchBytes + size > MAX_BATCH_BYTES)) {
                sendBatch(batch, stored, notStored, task);
                task.progress(stored.size() + notStored.size(), files.size());
                batch.clear();
                batchBytes = 0;
            }
            batch.add(instance);
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            sendBatch(batch, stored, notStored, task);
            task.progress(stored.size() + notStored.size(), files.size());
        }
        return new SendResult(stored, notStored);
    }

    @Override
    public void close() {
        http.close();
    }

    private void sendBatch(List<Instance> batch, List<Path> stored, Map<Path, String> notStored, TaskContext task) throws NetworkException {
        String boundary = "lumen-" + UUID.randomUUID();
        MultipartBody body = new MultipartBody(List.copyOf(batch), boundary);
        AtomicLong sent = new AtomicLong();
        HttpResponse<String> answer = http.post(http.resolve("studies"),
                "multipart/related; type=\"application/dicom\"; boundary=" + boundary, ACCEPT,
                () -> HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body.open(sent)), body.length()),
                sent, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), WHAT,
                // 202: some stored; 409: none stored; 400: Orthanc's word when a part is refused. Each names the instances.
                status -> status == 400 || status == 409, task);
        JsonNode response = response(answer);
        Map<String, List<Path>> byUid = new HashMap<>();
        batch.forEach(i -> byUid.computeIfAbsent(i.sopInstanceUid(), uid -> new ArrayList<>()).add(i.file()));
        for (JsonNode item : DicomJson.items(response, DicomJson.REFERENCED_SOP_SEQUENCE)) {
            List<Path> paths = byUid.remove(String.valueOf(DicomJson.string(item, DicomJson.REFERENCED_SOP_INSTANCE_UID)));
            if (paths != null) {
                stored.addAll(paths);
            }
        }
        for (JsonNode item : DicomJson.items(response, DicomJson.FAILED_SOP_SEQUENCE)) {
            List<Path> paths = byUid.remove(String.valueOf(DicomJson.string(item, DicomJson.REFERENCED_SOP_INSTANCE_UID)));
            if (paths != null) {
                String reason = http.node().describe() + " refused it: " + failureReason(DicomJson.integer(item, DicomJson.FAILURE_REASON));
                paths.forEach(p -> notStored.put(p, reason));
            }
        }
        // What the answer does not mention: a plain 200 without a body means all were stored (PS3.18 10.5.3).
        boolean allStored = answer.statusCode() == 200 && response.isEmpty();
        for (Instance instance : batch) {
            if (byUid.containsKey(instance.sopInstanceUid())) {
                if (allStored) {
                    stored.add(instance.file());
                } else {
                    notStored.put(instance.file(), http.node().describe() + " answered HTTP " + answer.statusCode()
                            + " and did not list this instance as stored");
                }
            }
        }
    }

    /** The answer as a data set; empty for an empty body. */
    private JsonNode response(HttpResponse<String> answer) throws NetworkException {
        String text = answer.body();
        if (text == null || text.isBlank()) {
            if (answer.statusCode() / 100 != 2) {
                throw new NetworkException(Reason.PROTOCOL, http.node().describe() + " answered HTTP " + answer.statusCode() + " to " + WHAT);
            }
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            // Some archives wrap the one data set in a list.
            if (node.isArray() && node.size() == 1) {
                node = node.get(0);
            }
            if (!node.isObject()) {
                throw new NetworkException(Reason.PROTOCOL, http.node().describe() + " answered " + WHAT + " with JSON that is not a data set");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new NetworkException(Reason.PROTOCOL, http.node().describe() + " answered " + WHAT + " (HTTP " + answer.statusCode()
                    + ") with something that is not JSON", e);
        }
    }

    /** PS3.18 Table 10.5.3-1 (and the DIMSE statuses archives reuse). */
    static String failureReason(Integer code) {
        if (code == null) {
            return "no reason given";
        }
        String words = switch (code) {
            case 0x0110 -> "processing failure";
            case 0x0122 -> "SOP class not supported";
            case 0x0124 -> "not authorised";
            case 0xA700 -> "out of resources";
            case 0xA900 -> "data set does not match SOP class";
            case 0xC000 -> "cannot understand";
            case 0xC122 -> "transfer syntax not supported";
            default -> "failure";
        };
        return String.format(Locale.ROOT, "%s (0x%04X)", words, code);
    }

    /** The request body: each file a part, opened only when the previous one has gone out. */
    private static final class MultipartBody {
        private final List<Instance> instances;
        private final String boundary;

        MultipartBody(List<Instance> instances, String boundary) {
            this.instances = instances;
            this.boundary = boundary;
        }

        private byte[] partHeader() {
            return ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        private byte[] closing() {
            return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** Exact, so the request carries a Content-Length (not every archive takes a chunked upload). */
        long length() {
            long length = closing().length;
            for (Instance i : instances) {
                length += partHeader().length + i.dataSetOffset() + i.length() + 2;
            }
            return length;
        }

        /** A fresh stream of the whole body (each try of the request reads it again); {@code sent} counts what was read. */
        InputStream open(AtomicLong sent) {
            Iterator<Instance> files = instances.iterator();
            List<InputStream> tail = List.of(new ByteArrayInputStream(closing()));
            Enumeration<InputStream> pieces = new Enumeration<>() {
                private final Iterator<InputStream> end = tail.iterator();
                private Instance pendingFile;

                @Override
                public boolean hasMoreElements() {
                    return pendingFile != null || files.hasNext() || end.hasNext();
                }

                @Override
                public InputStream nextElement() {
                    if (pendingFile != null) {
                        Instance file = pendingFile;
                        pendingFile = null;
                        // The file, then the CRLF that starts the next delimiter.
                        return new SequenceInputStream(new LazyFile(file.file()), new ByteArrayInputStream(new byte[] {'\r', '\n'}));
                    }
                    if (files.hasNext()) {
                        pendingFile = files.next();
                        return new ByteArrayInputStream(partHeader());
                    }
                    return end.next();
                }
            };
            return new FilterInputStream(new SequenceInputStream(pieces)) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        sent.incrementAndGet();
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        sent.addAndGet(n);
                    }
                    return n;
                }
            };
        }
    }

    /** A file opened at its first read, so that one batch never holds more than one file open. */
    private static final class LazyFile extends InputStream {
        private final Path file;
        private InputStream in;

        LazyFile(Path file) {
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            return open().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return open().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }

        private InputStream open() throws IOException {
            if (in == null) {
                in = Files.newInputStream(file);
            }
            return in;
        }
    }
}
