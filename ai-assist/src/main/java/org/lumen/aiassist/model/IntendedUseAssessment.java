// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking a series against a model's intended use, and what the reader decided:
 * the verdict, every reason the series falls outside (one sentence each), and what could not be
 * checked because the file does not say it. A run outside intended use carries this assessment
 * with all its results: panel, heatmap legend, findings.json, catalog.
 */
public record IntendedUseAssessment(Verdict verdict, List<String> reasons, List<String> notes) {

    public enum Verdict {
        /** The series meets every criterion the card declares. */
        WITHIN,
        /** The series fails at least one criterion: the model is refused, unless the reader insists (then every result is marked). */
        OUTSIDE,
        /** The card declares no criteria: nothing was checked. */
        UNDECLARED
    }

    public IntendedUseAssessment {
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
        if ((verdict == Verdict.OUTSIDE) == reasons.isEmpty()) {
            throw new IllegalArgumentException("a run is outside intended use exactly when there are reasons");
        }
    }

    public boolean outside() { return verdict == Verdict.OUTSIDE; }

    /** The reasons as one sentence: "its modality is MR, the model is for CT; …". */
    public String reasonsSentence() {
        return String.join("; ", reasons);
    }
}
