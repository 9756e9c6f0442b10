// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** What {@code --since} accepts: a day (local midnight) or an instant. */
final class SinceOption {

    private SinceOption() { }

    static Instant parse(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes a day (2026-12-07) or an instant (2026-12-07T08:00:00Z), not '" + text + "'");
        }
    }
}
