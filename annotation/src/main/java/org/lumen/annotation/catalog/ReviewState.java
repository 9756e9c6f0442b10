// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an annotation or a case stands in review: DRAFT → SUBMITTED → APPROVED or RETURNED;
 * a returned one is resubmitted, an approved one can be reopened as a draft by a reviewer. Content
 * changes only in DRAFT or RETURNED, so what a reviewer approved is what stays approved.
 */
public enum ReviewState {
    DRAFT,
    SUBMITTED,
    APPROVED,
    RETURNED;

    /** The states this one may move to. */
    public Set<ReviewState> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(SUBMITTED);
            case SUBMITTED -> EnumSet.of(APPROVED, RETURNED);
            case RETURNED -> EnumSet.of(SUBMITTED);
            case APPROVED -> EnumSet.of(DRAFT);
        };
    }

    public boolean canMoveTo(ReviewState to) {
        return next().contains(to);
    }

    /** Whether the content (revisions) may change in this state. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }

    /** Whether only a reviewer may make the move into {@code to} from this state. */
    boolean needsReviewer(ReviewState to) {
        return to == APPROVED || to == RETURNED || this == APPROVED;
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
