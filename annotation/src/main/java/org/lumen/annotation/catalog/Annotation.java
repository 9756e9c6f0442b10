// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/**
 * One label layer on a series by one annotator: its content is the head of an append-only chain of
 * revisions ({@code headRevisionId}, null until the first save). {@code datasetId} and
 * {@code labelClassId} are optional: a mask's voxel values name classes through the dataset's
 * schema, a vector or classification annotation may be of one class.
 */
public record Annotation(long id, String seriesUid, Long datasetId, AnnotationKind kind, Long labelClassId,
                         long createdBy, Instant createdAt, Long headRevisionId, ReviewState reviewState) {
}
