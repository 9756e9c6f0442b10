// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/**
 * What the study browser asks for: text in the patient's name or ID, a study date range (DICOM
 * YYYYMMDD, inclusive), a modality any series has, text in the description, and one page of results
 * (newest first). Null fields do not filter.
 */
public record StudyFilter(String patient, String dateFrom, String dateTo, String modality, String description,
                          int limit, int offset) {

    public static final int DEFAULT_LIMIT = 200;

    public StudyFilter {
        if (limit <= 0 || offset < 0) {
            throw new IllegalArgumentException("a page needs limit > 0 and offset >= 0, not " + limit + " and " + offset);
        }
        patient = blankToNull(patient);
        dateFrom = blankToNull(dateFrom);
        dateTo = blankToNull(dateTo);
        modality = blankToNull(modality);
        description = blankToNull(description);
    }

    /** Every study, the first {@link #DEFAULT_LIMIT}. */
    public static StudyFilter all() {
        return new StudyFilter(null, null, null, null, null, DEFAULT_LIMIT, 0);
    }

    public StudyFilter withPatient(String text) {
        return new StudyFilter(text, dateFrom, dateTo, modality, description, limit, offset);
    }

    public StudyFilter withDates(String from, String to) {
        return new StudyFilter(patient, from, to, modality, description, limit, offset);
    }

    public StudyFilter withModality(String m) {
        return new StudyFilter(patient, dateFrom, dateTo, m, description, limit, offset);
    }

    public StudyFilter withDescription(String text) {
        return new StudyFilter(patient, dateFrom, dateTo, modality, text, limit, offset);
    }

    public StudyFilter withPage(int newLimit, int newOffset) {
        return new StudyFilter(patient, dateFrom, dateTo, modality, description, newLimit, newOffset);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
