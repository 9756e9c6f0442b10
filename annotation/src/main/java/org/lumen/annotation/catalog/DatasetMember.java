// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/** One case of a dataset: a series, its place in the dataset's order, its labelling status and review state. */
public record DatasetMember(long datasetId, String seriesUid, int position, MemberStatus status,
                            ReviewState reviewState, Instant addedAt, Instant updatedAt) {
}
