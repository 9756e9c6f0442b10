// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;
import java.util.Objects;
import org.lumen.viewer.measure.Measurement;

/**
 * A measurement kept in the catalog with the study it belongs to (its series is the measurement's
 * own), and when it was first saved and last changed.
 */
public record StoredMeasurement(String studyUid, Measurement measurement, Instant createdAt, Instant updatedAt) {

    public StoredMeasurement {
        Objects.requireNonNull(studyUid, "studyUid");
        Objects.requireNonNull(measurement, "measurement");
    }

    public String seriesUid() {
        return measurement.seriesInstanceUid();
    }
}
