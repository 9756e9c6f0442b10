// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.List;
import java.util.Objects;
import org.lumen.annotation.catalog.Code;

/**
 * One measurement group of a TID 1500 Measurement Report: its tracking identifier and UID, the finding
 * (a code, or null), where it lies (in {@code frameOfReferenceUid}), its numeric values, and for an AI
 * finding the model that found it and the human decision on it (null for a person's own measurement).
 */
public record ReportGroup(String trackingId, String trackingUid, Code finding, ReportRegion region, String frameOfReferenceUid,
                          List<ReportedValue> values, ModelIdentity model, ReviewDecision decision) {

    public ReportGroup {
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(trackingUid, "trackingUid");
        values = List.copyOf(values);
        if (region != null && (frameOfReferenceUid == null || frameOfReferenceUid.isBlank())) {
            throw new IllegalArgumentException("group " + trackingId + " has a region in patient mm but no frame of reference to place it in");
        }
    }
}
