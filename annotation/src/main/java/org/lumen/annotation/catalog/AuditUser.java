// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Objects;

/**
 * Who acted: the operating-system account Lumen runs under (always known), and the display name the user set
 * once (null until then).
 */
public record AuditUser(String account, String displayName) {

    public AuditUser {
        Objects.requireNonNull(account, "account");
        if (account.isBlank()) {
            throw new IllegalArgumentException("an audit user needs an account name");
        }
        displayName = displayName == null || displayName.isBlank() ? null : displayName.strip();
    }

    /** The account of this process, without a display name. */
    public static AuditUser ofThisProcess() {
        String account = System.getProperty("user.name");
        return new AuditUser(account == null || account.isBlank() ? "unknown" : account, null);
    }

    public AuditUser withDisplayName(String name) {
        return new AuditUser(account, name);
    }
}
