// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.List;
import java.util.Objects;
import org.lumen.annotation.catalog.Code;

/**
 * One measurement group of a TID 1500 Measurement Report: its tracking identifier and UID, the finding
 * (a code, or null), where it lies, its numeric values, and for an AI finding the model that found it and
 * the human decision on it (null for a person's own measurement). The region is in patient mm in
 * {@code frameOfReferenceUid} (SCOORD3D), or, when {@code image} is given, in that image's pixels (SCOORD:
 * x = column, y = row, (0, 0) the top left corner of the top left pixel; z unused), as a 2D model's
 * finding is: it has no patient position.
 */
public record ReportGroup(String trackingId, String trackingUid, Code finding, ReportRegion region, String frameOfReferenceUid,
                          List<ReportedValue> values, ModelIdentity model, ReviewDecision decision, ImageReference image) {

    public ReportGroup {
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(trackingUid, "trackingUid");
        values = List.copyOf(values);
        if (region != null && image == null && (frameOfReferenceUid == null || frameOfReferenceUid.isBlank())) {
            throw new IllegalArgumentException("group " + trackingId + " has a region in patient mm but no frame of reference to place it in");
        }
        if (region != null && image != null && region.volumetric()) {
            throw new IllegalArgumentException("group " + trackingId + " has a volume on one image: an image region is planar");
        }
    }

    /** A group whose region, if any, is in patient mm. */
    public ReportGroup(String trackingId, String trackingUid, Code finding, ReportRegion region, String frameOfReferenceUid,
                       List<ReportedValue> values, ModelIdentity model, ReviewDecision decision) {
        this(trackingId, trackingUid, finding, region, frameOfReferenceUid, values, model, decision, null);
    }
}
