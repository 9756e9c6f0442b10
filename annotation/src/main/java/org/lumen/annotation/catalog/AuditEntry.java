// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/** One row of the audit trail as stored; {@code detail} is the JSON text the hash covers. */
public record AuditEntry(long seq, Instant at, String account, String person, String action, String studyUid, String seriesUid,
                         String detail, String previousHash, String hash) { }
