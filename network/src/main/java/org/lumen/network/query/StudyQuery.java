// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.query;

import java.time.LocalDate;

/**
 * What to look for on an archive, each filter optional (null: any). Patient name and ID may hold the
 * DICOM wildcards {@code *} and {@code ?}; the date range is inclusive and either end may be open.
 *
 * @param studyInstanceUid for a series-level query, the study whose series to list
 */
public record StudyQuery(String patientName, String patientId, LocalDate studyDateFrom, LocalDate studyDateTo, String modality,
                         String accessionNumber, String studyDescription, String studyInstanceUid) {

    public static StudyQuery any() {
        return new StudyQuery(null, null, null, null, null, null, null, null);
    }

    public StudyQuery withPatientName(String v) {
        return new StudyQuery(v, patientId, studyDateFrom, studyDateTo, modality, accessionNumber, studyDescription, studyInstanceUid);
    }

    public StudyQuery withPatientId(String v) {
        return new StudyQuery(patientName, v, studyDateFrom, studyDateTo, modality, accessionNumber, studyDescription, studyInstanceUid);
    }

    public StudyQuery withStudyDates(LocalDate from, LocalDate to) {
        return new StudyQuery(patientName, patientId, from, to, modality, accessionNumber, studyDescription, studyInstanceUid);
    }

    public StudyQuery withModality(String v) {
        return new StudyQuery(patientName, patientId, studyDateFrom, studyDateTo, v, accessionNumber, studyDescription, studyInstanceUid);
    }

    public StudyQuery withAccessionNumber(String v) {
        return new StudyQuery(patientName, patientId, studyDateFrom, studyDateTo, modality, v, studyDescription, studyInstanceUid);
    }

    public StudyQuery withStudyDescription(String v) {
        return new StudyQuery(patientName, patientId, studyDateFrom, studyDateTo, modality, accessionNumber, v, studyInstanceUid);
    }

    public StudyQuery withStudyInstanceUid(String v) {
        return new StudyQuery(patientName, patientId, studyDateFrom, studyDateTo, modality, accessionNumber, studyDescription, v);
    }

    /** The DICOM date range matching form: "20240101-20241231", "20240101-", "-20241231", or null for any date. */
    public String dateRange() {
        if (studyDateFrom == null && studyDateTo == null) {
            return null;
        }
        String from = studyDateFrom == null ? "" : studyDateFrom.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String to = studyDateTo == null ? "" : studyDateTo.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        return from.equals(to) ? from : from + "-" + to;
    }
}
