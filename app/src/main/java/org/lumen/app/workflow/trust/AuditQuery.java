// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lumen.annotation.catalog.AuditAction;
import org.lumen.annotation.catalog.AuditFilter;
import org.lumen.annotation.catalog.AuditVerification;

/**
 * The audit panel's filters as typed (study UID, user, since, action) turned into the catalog's {@link AuditFilter},
 * and the chain check's result as a sentence; without JavaFX.
 */
public final class AuditQuery {

    /** What the action chooser shows first: no filter on the action. */
    public static final String ANY_ACTION = "any action";

    /** The most rows the panel lists at once. */
    public static final int LIMIT = 5_000;

    private AuditQuery() { }

    /** The action chooser's entries: any, then each action's code. */
    public static List<String> actions() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ANY_ACTION), Arrays.stream(AuditAction.values()).map(AuditAction::code))
                .toList();
    }

    /**
     * The filter; blank fields do not filter.
     *
     * @throws IllegalArgumentException with a sentence for the panel when "since" is not a day or an instant
     */
    public static AuditFilter filter(String study, String user, String since, String action) {
        AuditAction a = action == null || action.equals(ANY_ACTION) ? null : AuditAction.ofCode(action)
                .orElseThrow(() -> new IllegalArgumentException("there is no audit action '" + action + "'"));
        return new AuditFilter(blankToNull(study), blankToNull(user), since(since), a, LIMIT);
    }

    /** A day (from local midnight) or an ISO-8601 instant; null when blank. */
    public static Instant since(String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneId.systemDefault()).toInstant() : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Since takes a day (2026-12-07) or an instant (2026-12-07T08:00:00Z), not '" + t + "'.");
        }
    }

    /** "Intact: 42 entries checked." or which entry broke the chain and why. */
    public static String verdict(AuditVerification v) {
        return v.intact() ? String.format(Locale.ROOT, "Audit trail intact: %d entries checked, each linked to the one before.", v.checked())
                : String.format(Locale.ROOT, "The audit trail is broken at entry %d: %s (%d entries before it are intact).", v.firstBroken(),
                        v.reason(), v.checked());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
