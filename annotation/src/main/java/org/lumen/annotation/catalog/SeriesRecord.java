// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/** A series in the catalog's index; {@code kind} is the viewer's ObjectKind name (IMAGE, SEGMENTATION …). */
public record SeriesRecord(String seriesUid, String studyUid, Integer number, String description, String modality,
                           String frameOfReferenceUid, String bodyPart, String kind, int instanceCount,
                           long frameCount, Instant updatedAt) {
}
