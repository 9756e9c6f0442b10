// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.query;

import java.util.List;

/**
 * A study an archive answered with. Counts are null when the archive did not say.
 *
 * @param studyDate as DICOM writes it (YYYYMMDD), or null
 */
public record StudyMatch(String studyInstanceUid, String patientId, String patientName, String studyDate, String studyDescription,
                         String accessionNumber, List<String> modalities, Integer numberOfSeries, Integer numberOfInstances) {

    public StudyMatch {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
    }
}
