// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/**
 * One step of the review workflow, kept forever: for an annotation ({@code annotationId}) or for a
 * case ({@code datasetId} and {@code seriesUid}), from which state to which, by whom, when, and why.
 */
public record ReviewEvent(long id, Long annotationId, Long datasetId, String seriesUid, ReviewState from, ReviewState to,
                          long personId, Instant at, String comment) {
}
