// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.ArchiveSearch;
import org.lumen.network.query.InstanceMatch;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QIDO-RS search on one DICOMweb node (PS3.18 10.6): studies with the filters of a {@link StudyQuery},
 * and the series of a study, with their counts. Close it to release the HTTP client.
 */
public final class QidoClient implements ArchiveSearch {

    static final String ACCEPT = "application/dicom+json, application/json;q=0.9";

    private static final Logger LOG = LoggerFactory.getLogger(QidoClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final String SEARCH = "a QIDO-RS search";

    /** Attributes a QIDO-RS server need not return unless asked (PS3.18 Table 10.6.3-3 lists the ones it must). */
    private static final List<String> STUDY_FIELDS = List.of("StudyDescription", "ModalitiesInStudy", "NumberOfStudyRelatedSeries",
            "NumberOfStudyRelatedInstances");
    private static final List<String> SERIES_FIELDS = List.of("SeriesDescription", "NumberOfSeriesRelatedInstances");

    private final DicomWebHttp http;

    /** With the JDK's default trust store for HTTPS. */
    public QidoClient(PacsNode node, Timeouts timeouts, Credentials credentials) {
        this(node, timeouts, credentials, null);
    }

    /** @param tls judges the server's certificate (a site's own CA); null for the JDK's default trust store */
    public QidoClient(PacsNode node, Timeouts timeouts, Credentials credentials, SSLContext tls) {
        this(new DicomWebHttp(node, timeouts, credentials, tls));
    }

    /** Searches through another client's connection (which that client closes). */
    QidoClient(DicomWebHttp http) {
        this.http = http;
    }

    /** Verifies the node with the smallest search; returns the round trip in milliseconds. */
    @Override
    public long verify(TaskContext task) throws NetworkException {
        long start = System.nanoTime();
        search(http.resolve("studies?limit=1"), task);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The studies matching {@code query}, in the archive's order. */
    /** DICOMweb has no patient level: the matching studies, grouped by patient ID (and name, where there is no ID). */
    @Override
    public List<org.lumen.network.query.PatientMatch> findPatients(StudyQuery query, TaskContext task) throws NetworkException {
        java.util.Map<String, List<StudyMatch>> byPatient = new java.util.LinkedHashMap<>();
        for (StudyMatch s : findStudies(query, task)) {
            String key = s.patientId() != null && !s.patientId().isBlank() ? "id:" + s.patientId() : "name:" + s.patientName();
            byPatient.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<org.lumen.network.query.PatientMatch> patients = new ArrayList<>();
        for (List<StudyMatch> studies : byPatient.values()) {
            StudyMatch first = studies.getFirst();
            patients.add(new org.lumen.network.query.PatientMatch(first.patientId(), first.patientName(), null, null, studies.size()));
        }
        return patients;
    }

    @Override
    public List<StudyMatch> findStudies(StudyQuery query, TaskContext task) throws NetworkException {
        List<StudyMatch> answered = parse(search(http.resolve("studies?" + studyParameters(query)), task), QidoClient::study);
        return answered.stream().filter(study -> asked(query.patientName(), study.patientName())
                && asked(query.patientId(), study.patientId()) && asked(query.accessionNumber(), study.accessionNumber())
                && asked(query.studyDescription(), study.studyDescription())).toList();
    }

    /** The series of one study, with their instance counts where the archive gives them. */
    @Override
    public List<SeriesMatch> findSeries(String studyInstanceUid, TaskContext task) throws NetworkException {
        if (studyInstanceUid == null || !UID.matcher(studyInstanceUid).matches()) {
            throw new IllegalArgumentException("'" + studyInstanceUid + "' is not a Study Instance UID");
        }
        URI uri = http.resolve("studies/" + studyInstanceUid + "/series?" + includeFields(new StringJoiner("&"), SERIES_FIELDS));
        return parse(search(uri, task), dataSet -> series(dataSet, studyInstanceUid));
    }

    /** The instances of a study (or one series of it): {@code /studies/{s}[/series/{se}]/instances}. */
    @Override
    public List<InstanceMatch> findInstances(String studyInstanceUid, String seriesInstanceUid, TaskContext task) throws NetworkException {
        if (studyInstanceUid == null || !UID.matcher(studyInstanceUid).matches()) {
            throw new IllegalArgumentException("'" + studyInstanceUid + "' is not a Study Instance UID");
        }
        if (seriesInstanceUid != null && !UID.matcher(seriesInstanceUid).matches()) {
            throw new IllegalArgumentException("'" + seriesInstanceUid + "' is not a Series Instance UID");
        }
        URI uri = http.resolve("studies/" + studyInstanceUid + (seriesInstanceUid == null ? "" : "/series/" + seriesInstanceUid)
                + "/instances?includefield=SeriesInstanceUID");
        return parse(search(uri, task), dataSet -> instance(dataSet, studyInstanceUid, seriesInstanceUid));
    }

    @Override
    public void close() {
        http.close();
    }

    /** The query string of a study search: one parameter per filter given, and the fields Lumen shows. */
    static String studyParameters(StudyQuery query) {
        StringJoiner q = new StringJoiner("&");
        add(q, "PatientName", query.patientName());
        add(q, "PatientID", query.patientId());
        add(q, "StudyDate", query.dateRange());
        add(q, "ModalitiesInStudy", query.modality());
        add(q, "AccessionNumber", query.accessionNumber());
        add(q, "StudyDescription", query.studyDescription());
        add(q, "StudyInstanceUID", query.studyInstanceUid());
        return includeFields(q, STUDY_FIELDS);
    }

    private static String includeFields(StringJoiner q, List<String> fields) {
        fields.forEach(field -> q.add("includefield=" + field));
        return q.toString();
    }

    private static void add(StringJoiner q, String key, String value) {
        if (value != null && !value.isBlank()) {
            q.add(key + "=" + QidoValues.send(value.strip()));
        }
    }

    /** Whether an answer fits a filter that {@link QidoValues#send} had to widen; other filters the archive applied itself. */
    private static boolean asked(String filter, String actual) {
        return filter == null || filter.isBlank() || !QidoValues.widened(filter.strip()) || QidoValues.matches(filter.strip(), actual);
    }

    private JsonNode search(URI uri, TaskContext task) throws NetworkException {
        HttpResponse<String> answer = http.get(uri, ACCEPT, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), SEARCH, task);
        String body = answer.body();
        // 204 No Content, or an empty body: nothing matched.
        if (answer.statusCode() == 204 || body == null || body.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode list = JSON.readTree(body);
            if (!list.isArray()) {
                throw new NetworkException(Reason.PROTOCOL, http.node().describe() + " answered " + SEARCH
                        + " with JSON that is not a list of data sets");
            }
            return list;
        } catch (JsonProcessingException e) {
            throw new NetworkException(Reason.PROTOCOL, http.node().describe() + " answered " + SEARCH + " with something that is not JSON ("
                    + answer.headers().firstValue("Content-Type").orElse("no content type") + ")", e);
        }
    }

    private <T> List<T> parse(JsonNode list, Function<JsonNode, T> read) {
        List<T> out = new ArrayList<>();
        for (JsonNode dataSet : list) {
            T match = dataSet.isObject() ? read.apply(dataSet) : null;
            if (match == null) {
                // One unusable entry must not hide the others.
                LOG.warn("{} answered a search with an entry without a UID; left out", http.node().describe());
            } else {
                out.add(match);
            }
        }
        return out;
    }

    private static StudyMatch study(JsonNode ds) {
        String uid = DicomJson.string(ds, DicomJson.STUDY_INSTANCE_UID);
        if (uid == null) {
            return null;
        }
        return new StudyMatch(uid, DicomJson.string(ds, DicomJson.PATIENT_ID), DicomJson.string(ds, DicomJson.PATIENT_NAME),
                DicomJson.string(ds, DicomJson.STUDY_DATE), DicomJson.string(ds, DicomJson.STUDY_DESCRIPTION),
                DicomJson.string(ds, DicomJson.ACCESSION_NUMBER), DicomJson.strings(ds, DicomJson.MODALITIES_IN_STUDY),
                DicomJson.integer(ds, DicomJson.NUMBER_OF_STUDY_RELATED_SERIES),
                DicomJson.integer(ds, DicomJson.NUMBER_OF_STUDY_RELATED_INSTANCES));
    }

    private static InstanceMatch instance(JsonNode ds, String studyInstanceUid, String seriesInstanceUid) {
        String uid = DicomJson.string(ds, DicomJson.SOP_INSTANCE_UID);
        if (uid == null) {
            return null;
        }
        String series = DicomJson.string(ds, DicomJson.SERIES_INSTANCE_UID);
        return new InstanceMatch(studyInstanceUid, series == null ? seriesInstanceUid : series, uid);
    }

    private static SeriesMatch series(JsonNode ds, String studyInstanceUid) {
        String uid = DicomJson.string(ds, DicomJson.SERIES_INSTANCE_UID);
        if (uid == null) {
            return null;
        }
        String study = DicomJson.string(ds, DicomJson.STUDY_INSTANCE_UID);
        return new SeriesMatch(study == null ? studyInstanceUid : study, uid, DicomJson.string(ds, DicomJson.MODALITY),
                DicomJson.integer(ds, DicomJson.SERIES_NUMBER), DicomJson.string(ds, DicomJson.SERIES_DESCRIPTION),
                DicomJson.integer(ds, DicomJson.NUMBER_OF_SERIES_RELATED_INSTANCES));
    }
}
