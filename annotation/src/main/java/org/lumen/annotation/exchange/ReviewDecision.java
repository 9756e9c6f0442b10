// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.time.Instant;
import java.util.Objects;
import org.lumen.annotation.catalog.Code;

/** A person's decision on an AI finding (a code from {@link LumenCodes}), by whom and when, with an optional comment. */
public record ReviewDecision(Code decision, String byWhom, Instant at, String comment) {

    public ReviewDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(byWhom, "byWhom");
        Objects.requireNonNull(at, "at");
    }
}
