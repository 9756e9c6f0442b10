// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import java.util.List;

/** A study with its patient and series. */
public record Study(StudyInfo info, PatientInfo patient, List<Series> series) {

    public Study {
        series = List.copyOf(series);
    }

    public String uid() { return info.studyInstanceUid(); }
}
