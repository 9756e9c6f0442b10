// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A study as the catalog's browser lists it, without rescanning files: patient and study values,
 * the modalities and sizes of its series, where it was imported from and when.
 */
public record StudyRecord(String studyUid, String patientName, String patientId, String patientBirthDate,
                          String patientSex, String studyDate, String studyTime, String description,
                          String accessionNumber, String studyId, List<String> modalities, int seriesCount,
                          long instanceCount, String source, Instant importedAt, Instant updatedAt) {

    public StudyRecord {
        modalities = List.copyOf(modalities);
    }
}
