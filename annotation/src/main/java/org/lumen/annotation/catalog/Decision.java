// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/** One decision on a finding; the latest counts, all are kept. {@code revisionId} points to the edited label, if any. */
public record Decision(long id, long findingId, DecisionKind kind, long personId, Instant decidedAt, String comment,
                       Long revisionId) {
}
