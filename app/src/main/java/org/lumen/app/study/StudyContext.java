// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Which study (and patient) each series the window has shown belongs to, and what to call the series.
 * Everything on screen — views, overlays, tags, measurements, AI findings, labels, review — belongs to
 * a series, so this is how the window knows whose data a widget shows and what to clear or label when
 * a study is closed or replaced. JavaFX-free; used on one thread.
 */
public final class StudyContext {

    /** A study and its patient, as the headers name them. */
    public record StudyRef(String studyUid, String patientName, String patientId, String date, String description) {

        public StudyRef {
            Objects.requireNonNull(studyUid, "studyUid");
        }

        public static StudyRef of(InstanceHeader h) {
            return new StudyRef(h.study().studyInstanceUid(), h.patient().name(), h.patient().id(), h.study().date(),
                    h.study().description());
        }

        /** "DOE^JANE (ID P001), 20240115 CT CHEST": who and which study, for headers and captions. */
        public String describe() {
            String who = blank(patientName) ? "(no patient name)" : patientName;
            String id = blank(patientId) ? "no patient ID" : "ID " + patientId;
            String study = String.join(" ", blank(date) ? "" : date, blank(description) ? "" : description).strip();
            return who + " (" + id + ")" + (study.isEmpty() ? "" : ", " + study);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    private record Known(StudyRef study, String name) { }

    private final Map<String, Known> bySeries = new LinkedHashMap<>();

    /** Remembers the series of {@code header} as part of its study; returns that study. */
    public StudyRef register(InstanceHeader header) {
        StudyRef study = StudyRef.of(header);
        bySeries.put(header.series().seriesInstanceUid(), new Known(study, seriesName(header)));
        return study;
    }

    public Optional<StudyRef> studyOf(String seriesUid) {
        return Optional.ofNullable(bySeries.get(seriesUid)).map(Known::study);
    }

    /** "Series 2 CT CHEST", or the UID of a series never registered. */
    public String seriesName(String seriesUid) {
        Known k = bySeries.get(seriesUid);
        return k == null ? seriesUid : k.name();
    }

    /** Whether series {@code seriesUid} belongs to study {@code studyUid}. */
    public boolean inStudy(String seriesUid, String studyUid) {
        return studyOf(seriesUid).map(s -> s.studyUid().equals(studyUid)).orElse(false);
    }

    /** The registered series of a study. */
    public List<String> seriesOf(String studyUid) {
        return bySeries.entrySet().stream().filter(e -> e.getValue().study().studyUid().equals(studyUid)).map(Map.Entry::getKey).toList();
    }

    /** Forgets a study's series (it was closed). */
    public void forget(String studyUid) {
        bySeries.values().removeIf(k -> k.study().studyUid().equals(studyUid));
    }

    public void clear() {
        bySeries.clear();
    }

    private static String seriesName(InstanceHeader h) {
        var s = h.series();
        String text = String.join(" ", s.number() == null ? "" : "Series " + s.number(), s.modality() == null ? "" : s.modality(),
                s.description() == null ? "" : s.description()).strip().replaceAll(" +", " ");
        return text.isEmpty() ? "Series " + s.seriesInstanceUid() : text;
    }
}
