// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import org.lumen.app.workflow.ai.AiAssist;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.annotation.catalog.DecisionKind;
import org.lumen.annotation.catalog.ModelPractice;
import org.lumen.annotation.catalog.OperatingPoint;

/**
 * What the Model in practice view shows, from the catalog's {@link ModelPractice} and without JavaFX: the sentences
 * (rates, time to decision, lesions the model missed, the operating point in force) and the bands worth a bar.
 */
public final class PracticeFigures {

    private PracticeFigures() { }

    /** The sentences over the charts, as {@code lumen models stats} says them. */
    public static List<String> lines(ModelPractice p, OperatingPoint site) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s%s: %d run(s) on %d series, %d finding(s), %d decided.", p.modelId(),
                p.since() == null ? "" : " since " + p.since(), p.runs(), p.series(), p.findings(), p.decided()));
        if (p.decided() > 0) {
            lines.add(String.format(Locale.ROOT, "Accepted %s (edited %d), rejected %s, uncertain %s; median time to decision %s.",
                    percent(p.acceptanceRate()), p.decisions().getOrDefault(DecisionKind.EDIT, 0), percent(p.rate(DecisionKind.REJECT)),
                    percent(p.rate(DecisionKind.UNCERTAIN)), minutes(p.medianMinutesToDecision())));
        } else {
            lines.add("Nobody has decided on a finding of this model yet.");
        }
        lines.add(String.format(Locale.ROOT, "Lesions people drew on these series: %d, of which the model had not found %d (no finding within %.0f mm).",
                p.humanLesions(), p.humanLesionsMissed(), p.missedRadiusMm()));
        lines.add(site == null ? "Site operating point: none chosen; the card's default threshold applies."
                : String.format(Locale.ROOT, "Site operating point: score ≥ %.3f, %s.", site.threshold(), AiAssist.origin(site)));
        return lines;
    }

    /** The score bands that hold findings, low to high. */
    public static List<ModelPractice.ScoreBand> shownBands(ModelPractice p) {
        return p.bands().stream().filter(b -> b.findings() > 0).toList();
    }

    /** "0.5–0.6" */
    public static String bandLabel(ModelPractice.ScoreBand b) {
        return String.format(Locale.ROOT, "%.1f–%.1f", b.from(), b.to());
    }

    public static String percent(double rate) {
        return Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, "%.0f %%", rate * 100);
    }

    public static String minutes(Double m) {
        if (m == null) {
            return "–";
        }
        return m < 120 ? String.format(Locale.ROOT, "%.0f min", m) : String.format(Locale.ROOT, "%.1f h", m / 60);
    }
}
