// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.index.Study;

/**
 * One row of the series browser: a patient header, a study header, or a series. Plain data, no
 * JavaFX, so the grouping is tested without a UI; {@link SeriesBrowser} draws the rows.
 */
public sealed interface SeriesBrowserRow {

    /** The text of the row, as a screen reader and a test read it. */
    String text();

    /** A patient with the number of studies listed under it. */
    record PatientRow(PatientInfo patient, int studyCount) implements SeriesBrowserRow {
        @Override public String text() { return SeriesBrowserLabels.patientLine(patient); }
    }

    /** A study header: date, description, modalities, series count. */
    record StudyRow(Study study) implements SeriesBrowserRow {
        @Override public String text() { return SeriesBrowserLabels.studyLine(study); }
    }

    /** A series of a study. */
    record SeriesRow(Series series, Study study) implements SeriesBrowserRow {
        @Override public String text() { return SeriesBrowserLabels.seriesTitle(series) + " " + SeriesBrowserLabels.seriesDetail(series); }
    }

    /**
     * The rows for an index: each patient (in the order the index first lists them), then each of
     * their studies followed by its series, all in the index's order (studies by date, series by number).
     * Studies of one patient are grouped even when the index lists another patient's study in between.
     */
    static List<SeriesBrowserRow> of(DicomIndex index) {
        Map<String, List<Study>> byPatient = new LinkedHashMap<>();
        for (Study study : index.studies()) {
            byPatient.computeIfAbsent(patientKey(study.patient()), k -> new ArrayList<>()).add(study);
        }
        List<SeriesBrowserRow> rows = new ArrayList<>();
        for (List<Study> studies : byPatient.values()) {
            rows.add(new PatientRow(studies.getFirst().patient(), studies.size()));
            for (Study study : studies) {
                rows.add(new StudyRow(study));
                study.series().forEach(s -> rows.add(new SeriesRow(s, study)));
            }
        }
        return rows;
    }

    /** The series of {@code rows}, in row order: the order thumbnails are made in. */
    static List<Series> series(List<SeriesBrowserRow> rows) {
        return rows.stream().filter(SeriesRow.class::isInstance).map(r -> ((SeriesRow) r).series()).toList();
    }

    /**
     * The series row to land on when {@code target} is asked for while moving from {@code from}:
     * {@code target} itself when it is a series, else the nearest series in the direction of travel,
     * else the nearest the other way; -1 when there is no series at all.
     */
    static int nearestSeries(List<SeriesBrowserRow> rows, int from, int target) {
        if (target < 0 || target >= rows.size()) {
            return -1;
        }
        if (rows.get(target) instanceof SeriesRow) {
            return target;
        }
        int step = target < from ? -1 : 1;
        for (int i = target + step; i >= 0 && i < rows.size(); i += step) {
            if (rows.get(i) instanceof SeriesRow) {
                return i;
            }
        }
        for (int i = target - step; i >= 0 && i < rows.size(); i -= step) {
            if (rows.get(i) instanceof SeriesRow) {
                return i;
            }
        }
        return -1;
    }

    private static String patientKey(PatientInfo patient) {
        if (patient == null) {
            return "";
        }
        String id = patient.id() == null ? "" : patient.id().strip();
        String name = patient.name() == null ? "" : patient.name().strip();
        return id + "\u0000" + name;
    }
}
