// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.lumen.io.AtomicFiles;
import org.lumen.network.ArrivingFiles;
import org.lumen.network.InstanceListener;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.InstanceHeads;
import org.lumen.viewer.dicom.Part10Files;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WADO-RS retrieve of a study or a series (PS3.18 10.4) into a folder. The multipart/related answer is
 * read as it arrives, part by part, through one fixed buffer; each part is written atomically as
 * {@code SOPInstanceUID.dcm}, so a cancel, a dropped connection or a full disk leaves only complete
 * files. Instances come in the transfer syntax the archive holds them in ({@code transfer-syntax=*});
 * an archive that refuses that is asked again for its default. Close it to release the HTTP client.
 */
public final class WadoRetriever implements AutoCloseable {

    /** Any transfer syntax, as stored: nothing is transcoded on the way (Lumen decodes the usual compressed ones). */
    static final String ACCEPT_AS_STORED = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    /** The archive's default transfer syntax (Explicit VR Little Endian in the standard). */
    static final String ACCEPT_DEFAULT = "multipart/related; type=\"application/dicom\"";

    private static final Logger LOG = LoggerFactory.getLogger(WadoRetriever.class);
    private static final String WHAT = "a WADO-RS retrieve";
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    /** The first bytes of each part, enough for the file meta information or the start of a bare data set. */
    private static final int HEAD_BYTES = 64 * 1024;

    private final DicomWebHttp http;
    private final Timeouts timeouts;

    public WadoRetriever(PacsNode node, Timeouts timeouts, Credentials credentials) {
        this(node, timeouts, credentials, null);
    }

    /** @param tls judges the server's certificate (a site's own CA); null for the JDK's default trust store */
    public WadoRetriever(PacsNode node, Timeouts timeouts, Credentials credentials, SSLContext tls) {
        this.http = new DicomWebHttp(node, timeouts, credentials, tls);
        this.timeouts = timeouts;
    }

    /**
     * Retrieves study {@code studyUid} (or only its series {@code seriesUid}, when not null) into {@code folder}.
     * Progress counts instances written, out of the archive's QIDO-RS count where it gives one.
     *
     * @return the files written; {@code failed} counts parts that were not DICOM instances Lumen could name
     * @throws NetworkException naming the node: {@code PROTOCOL} for a study the archive does not have,
     *                          {@code ABORTED} when the connection drops, {@code CANCELLED}, {@code TIMEOUT}, …
     */
    public RetrieveResult get(String studyUid, String seriesUid, Path folder, TaskContext task) throws NetworkException {
        return get(studyUid, seriesUid, folder, InstanceListener.NONE, task);
    }

    /** As {@link #get(String, String, Path, TaskContext)}, telling {@code listener} of each instance as it is written. */
    public RetrieveResult get(String studyUid, String seriesUid, Path folder, InstanceListener listener, TaskContext task)
            throws NetworkException {
        checkUid(studyUid, "Study");
        if (seriesUid != null) {
            checkUid(seriesUid, "Series");
        }
        createFolder(folder);
        long expected = expectedCount(studyUid, seriesUid, task);
        return fetch("studies/" + studyUid + (seriesUid == null ? "" : "/series/" + seriesUid), expected,
                seriesUid == null ? "study " + studyUid : "series " + seriesUid + " of study " + studyUid, folder, listener, task);
    }

    /**
     * Retrieves one instance ({@code /studies/s/series/se/instances/i}) into {@code folder}: what a
     * retrieve that resumes asks for when a series is partly in the cache.
     */
    public RetrieveResult getInstance(String studyUid, String seriesUid, String sopInstanceUid, Path folder, InstanceListener listener,
                                      TaskContext task) throws NetworkException {
        checkUid(studyUid, "Study");
        checkUid(seriesUid, "Series");
        checkUid(sopInstanceUid, "SOP");
        createFolder(folder);
        return fetch("studies/" + studyUid + "/series/" + seriesUid + "/instances/" + sopInstanceUid, 1,
                "instance " + sopInstanceUid + " of study " + studyUid, folder, listener, task);
    }

    private RetrieveResult fetch(String path, long expected, String what, Path folder, InstanceListener listener, TaskContext task)
            throws NetworkException {
        task.progress(0, expected);
        URI uri = http.resolve(path);
        StreamingBody body = new StreamingBody(task, timeouts.response(), http.node().describe(), WHAT);
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> answer = request(uri, ACCEPT_AS_STORED, task);
        if (answer.statusCode() == 400 || answer.statusCode() == 406) {
            // Some archives refuse "transfer-syntax=*"; their default syntax is still one Lumen decodes.
            LOG.info("{} refused transfer-syntax=* (HTTP {}); asking for its default syntax", http.node().describe(), answer.statusCode());
            discard(answer);
            answer = request(uri, ACCEPT_DEFAULT, task);
        }
        if (answer.statusCode() == 404) {
            discard(answer);
            throw new NetworkException(Reason.PROTOCOL, http.node().describe() + " does not have " + what + " (HTTP 404 to " + WHAT + ")");
        }
        if (answer.statusCode() / 100 != 2) {
            discard(answer);
            throw new NetworkException(Reason.PROTOCOL, http.node().describe() + " answered HTTP " + answer.statusCode() + " to " + WHAT);
        }
        MediaType type = MediaType.parse(answer.headers().firstValue("Content-Type").orElse(null));
        if (!type.is("multipart/related") || type.parameter("boundary") == null || type.parameter("boundary").isEmpty()) {
            discard(answer);
            throw new NetworkException(Reason.PROTOCOL, http.node().describe() + " answered " + WHAT + " with "
                    + (type.type().isEmpty() ? "no content type" : type.type()) + ", not multipart/related with a boundary");
        }
        answer.body().subscribe(body);
        List<Path> files = new ArrivingFiles(listener);
        int failed = 0;
        try (body) {
            MultipartReader parts = new MultipartReader(body, type.parameter("boundary"));
            MultipartReader.Part part;
            while ((part = parts.next()) != null) {
                if (task.isCancelled()) {
                    throw new NetworkException(Reason.CANCELLED, WHAT + " on " + http.node().describe() + " was cancelled");
                }
                Path written = store(part, folder);
                if (written == null) {
                    failed++;
                } else {
                    files.add(written);
                }
                task.progress(files.size() + failed, Math.max(expected, files.size() + failed));
            }
        } catch (NetworkException e) {
            throw e;
        } catch (org.lumen.io.CannotWriteException e) {
            throw new NetworkException(Reason.PROTOCOL, "cannot write into the cache: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NetworkException(Reason.ABORTED, http.node().describe() + " closed the connection during " + WHAT + " after "
                    + files.size() + (files.size() == 1 ? " instance" : " instances") + " (" + e.getMessage() + ")", e);
        }
        if (task.isCancelled()) {
            // The body may have ended because a cancel closed it.
            throw new NetworkException(Reason.CANCELLED, WHAT + " on " + http.node().describe() + " was cancelled");
        }
        return new RetrieveResult(files, failed, 0);
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> request(URI uri, String accept, TaskContext task) throws NetworkException {
        return http.get(uri, accept, HttpResponse.BodyHandlers.ofPublisher(), WHAT,
                status -> status == 400 || status == 404 || status == 406, task);
    }

    /**
     * Writes one part as {@code SOPInstanceUID.dcm}: a Part 10 file as it came, a bare data set after a file
     * meta header made from its Content-Type. Null for a part that is not a DICOM instance Lumen can name.
     */
    private Path store(MultipartReader.Part part, Path folder) throws IOException {
        MediaType type = MediaType.parse(part.header("Content-Type"));
        if (!type.type().isEmpty() && !type.is("application/dicom")) {
            LOG.warn("{} sent a part of type {} in {}; left out", http.node().describe(), type.type(), WHAT);
            return null;
        }
        InputStream in = new BufferedInputStream(part.content(), HEAD_BYTES);
        in.mark(HEAD_BYTES);
        byte[] head = in.readNBytes(HEAD_BYTES);
        in.reset();
        InstanceHeads.Head id;
        try {
            id = InstanceHeads.read(head, head.length, type.parameter("transfer-syntax"));
        } catch (IOException e) {
            LOG.warn("{} sent a part that Lumen cannot name ({}); left out", http.node().describe(), e.getMessage());
            return null;
        }
        if (!UID.matcher(id.sopInstanceUid()).matches() || id.sopInstanceUid().length() > 64) {
            LOG.warn("{} sent an instance whose SOP Instance UID is not a UID; left out", http.node().describe());
            return null;
        }
        Path target = folder.resolve(id.sopInstanceUid() + ".dcm");
        try (AtomicFiles.Pending pending = AtomicFiles.begin(target)) {
            if (!id.part10()) {
                pending.out().write(Part10Files.header(id.sopClassUid(), id.sopInstanceUid(), id.transferSyntaxUid(), null));
            }
            in.transferTo(pending.out());
            // Only a part read to its closing boundary is put in place.
            pending.commit();
        }
        return target;
    }

    /** The number of instances QIDO-RS says the study or series has; 0 (unknown) where it does not say. */
    private long expectedCount(String studyUid, String seriesUid, TaskContext task) throws NetworkException {
        try {
            QidoClient qido = new QidoClient(http);
            if (seriesUid == null) {
                List<StudyMatch> studies = qido.findStudies(StudyQuery.any().withStudyInstanceUid(studyUid), task);
                Integer count = studies.isEmpty() ? null : studies.getFirst().numberOfInstances();
                return count == null ? 0 : count;
            }
            return qido.findSeries(studyUid, task).stream().filter(s -> s.seriesInstanceUid().equals(seriesUid)).findFirst()
                    .map(SeriesMatch::instances).map(Integer::longValue).orElse(0L);
        } catch (NetworkException e) {
            if (e.reason() != Reason.PROTOCOL) {
                throw e;
            }
            // An archive without QIDO-RS (or one that answers it oddly) may still serve WADO-RS: progress without a total.
            LOG.info("{}: no instance count from QIDO-RS ({})", http.node().describe(), e.getMessage());
            return 0;
        }
    }

    private static void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> answer) {
        answer.body().subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }
            @Override public void onNext(List<ByteBuffer> item) { }
            @Override public void onError(Throwable throwable) { }
            @Override public void onComplete() { }
        });
    }

    private static void createFolder(Path folder) throws NetworkException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new NetworkException(Reason.PROTOCOL, "cannot create the cache folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void checkUid(String uid, String kind) {
        if (uid == null || !UID.matcher(uid).matches() || uid.length() > 64) {
            throw new IllegalArgumentException("'" + uid + "' is not a " + kind + " Instance UID");
        }
    }
}
