// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Objects;

/**
 * A run refused because the series falls outside the model's intended use; the message names the
 * model and every reason. The reader may insist (the window's "Run anyway", the CLI's
 * {@code --outside-intended-use}); the results are then marked.
 */
public final class OutsideIntendedUseException extends Exception {

    private final transient IntendedUseAssessment assessment;
    private final String headline;

    public OutsideIntendedUseException(ModelCard card, String seriesUid, IntendedUseAssessment assessment) {
        this(card, "series " + seriesUid, assessment, true);
    }

    private OutsideIntendedUseException(ModelCard card, String what, IntendedUseAssessment assessment, boolean unused) {
        super(card.name() + " (" + card.id() + ") is not meant for " + what + ": " + assessment.reasonsSentence());
        this.assessment = Objects.requireNonNull(assessment, "assessment");
        this.headline = card.name() + " (" + card.id() + ") is not meant for " + what;
    }

    /** A 2D image refused: "NAME (ID) is not meant for image UID [frame N]: reasons". */
    public static OutsideIntendedUseException forImage(ModelCard card, String imageLabel, IntendedUseAssessment assessment) {
        return new OutsideIntendedUseException(card, "image " + imageLabel, assessment, true);
    }

    /** The message without the reasons: "NAME (ID) is not meant for series UID" (or "image UID"). */
    public String headline() { return headline; }

    public IntendedUseAssessment assessment() { return assessment; }
}
