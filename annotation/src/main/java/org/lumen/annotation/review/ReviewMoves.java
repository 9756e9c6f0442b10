// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.review;

import java.util.Locale;
import java.util.Optional;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.Person;
import org.lumen.annotation.catalog.ReviewEvent;
import org.lumen.annotation.catalog.ReviewState;

/**
 * The moves of the review panel, on behalf of the person at the workstation: submit, approve,
 * return, reopen, per annotation or for the whole case. The catalog refuses illegal transitions;
 * this adds the workstation's own rule that a return says why (a comment), and turns the catalog's
 * sentences into ones that start with a capital and end with a full stop.
 */
public final class ReviewMoves {

    /** What the panel says when Return is asked for without a comment. */
    public static final String RETURN_NEEDS_COMMENT = "Returning needs a comment: say what the annotator should fix.";

    private ReviewMoves() { }

    /** Why this move cannot be asked for as it stands (a return without a comment), or empty. */
    public static Optional<String> problem(ReviewState to, String comment) {
        return to == ReviewState.RETURNED && clean(comment) == null ? Optional.of(RETURN_NEEDS_COMMENT) : Optional.empty();
    }

    /** Moves annotation {@code annotationId} to {@code to} as {@code personName} (added as annotator and reviewer if new). */
    public static ReviewEvent moveAnnotation(Catalog catalog, long annotationId, ReviewState to, String personName, String comment) {
        require(to, comment);
        return catalog.reviews().moveAnnotation(annotationId, to, person(catalog, personName).id(), clean(comment));
    }

    /** Moves the case {@code seriesUid} of dataset {@code datasetId} to {@code to} as {@code personName}. */
    public static ReviewEvent moveCase(Catalog catalog, long datasetId, String seriesUid, ReviewState to, String personName,
                                       String comment) {
        require(to, comment);
        return catalog.reviews().moveCase(datasetId, seriesUid, to, person(catalog, personName).id(), clean(comment));
    }

    /**
     * The person at the workstation, who both labels and reviews there: read, and only written (given
     * both roles) when missing or lacking one, so a move on a locked catalog fails at the move itself.
     */
    public static Person person(Catalog catalog, String name) {
        Optional<Person> known = catalog.people().byName(name == null ? "" : name.strip());
        return known.filter(p -> p.annotator() && p.reviewer()).orElseGet(() -> catalog.people().ensure(name, true, true));
    }

    /** The verb of a move into {@code to}, past tense: "submitted", "approved", "returned", "reopened". */
    public static String done(ReviewState to) {
        return to == ReviewState.DRAFT ? "reopened" : to.name().toLowerCase(Locale.ROOT);
    }

    /** A failure as one sentence: the message with a capital first letter and a full stop ("Cannot move …; try again."). */
    public static String sentence(Throwable failure) {
        String text = failure.getMessage() == null || failure.getMessage().isBlank()
                ? "something went wrong (" + failure.getClass().getSimpleName() + ")" : failure.getMessage().strip();
        return sentence(text);
    }

    /** {@code text} with a capital first letter and a full stop. */
    public static String sentence(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return s;
        }
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        char last = s.charAt(s.length() - 1);
        return last == '.' || last == '!' || last == '?' ? s : s + ".";
    }

    private static void require(ReviewState to, String comment) {
        problem(to, comment).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    private static String clean(String comment) {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }
}
