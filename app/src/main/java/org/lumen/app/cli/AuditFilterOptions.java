// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import org.lumen.annotation.catalog.AuditAction;
import org.lumen.annotation.catalog.AuditFilter;
import picocli.CommandLine.Option;

/** The filters {@code audit list} and {@code audit export} share. */
final class AuditFilterOptions {

    @Option(names = "--study", paramLabel = "UID", description = "Only entries about this study.")
    private String study;

    @Option(names = "--user", paramLabel = "NAME", description = "Only entries by this account or person.")
    private String user;

    @Option(names = "--since", paramLabel = "DATE", description = "Only entries from this day (YYYY-MM-DD, local time) or instant (ISO-8601) on.")
    private String since;

    @Option(names = "--action", paramLabel = "ACTION",
            description = "Only this action: study-opened, ai-run, ai-shown, finding-decided, label-revised, review, validation, export, send, setting-changed.")
    private String action;

    AuditFilter filter(int limit) {
        AuditAction chosen = null;
        if (action != null) {
            chosen = AuditAction.ofCode(action).orElseThrow(() -> new IllegalArgumentException(
                    "there is no audit action '" + action + "'; the actions are study-opened, ai-run, ai-shown, finding-decided,"
                            + " label-revised, review, validation, export, send and setting-changed"));
        }
        return new AuditFilter(study, user, since == null ? null : SinceOption.parse(since), chosen, limit);
    }
}
