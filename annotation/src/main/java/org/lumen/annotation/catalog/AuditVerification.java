// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/**
 * The result of recomputing the audit chain: how many entries were checked and, where the chain is broken,
 * the first entry that does not match (its sequence number, or the number missing) and why.
 */
public record AuditVerification(long checked, Long firstBroken, String reason) {

    public boolean intact() {
        return firstBroken == null;
    }
}
