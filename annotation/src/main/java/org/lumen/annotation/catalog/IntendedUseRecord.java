// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.List;
import java.util.Objects;

/**
 * Whether an AI run's series was within the model's intended use, as the catalog keeps it: the
 * verdict, the reasons it was outside (the reader ran the model anyway), and what could not be checked.
 */
public record IntendedUseRecord(Verdict verdict, List<String> reasons, List<String> notes) {

    public enum Verdict {
        /** Recorded before Lumen checked intended use (schema version 2 and earlier). */
        NOT_CHECKED,
        WITHIN,
        /** Outside the intended use: the reader insisted on running; every finding of the run is marked. */
        OUTSIDE,
        /** The model card declares no checkable intended use. */
        UNDECLARED
    }

    public static final IntendedUseRecord NOT_CHECKED = new IntendedUseRecord(Verdict.NOT_CHECKED, List.of(), List.of());

    public IntendedUseRecord {
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
        if ((verdict == Verdict.OUTSIDE) == reasons.isEmpty()) {
            throw new IllegalArgumentException("a run is outside the intended use exactly when it has reasons");
        }
    }

    public boolean outside() { return verdict == Verdict.OUTSIDE; }
}
