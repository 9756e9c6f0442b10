// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/** Which audit entries to list: any field null means "any". Entries come oldest first, at most {@code limit}. */
public record AuditFilter(String studyUid, String user, Instant since, AuditAction action, int limit) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, Integer.MAX_VALUE);

    public AuditFilter {
        if (limit < 1) {
            throw new IllegalArgumentException("an audit listing holds at least one entry, not " + limit);
        }
    }
}
