// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DecisionKind;
import org.lumen.annotation.catalog.ModelPractice;
import org.lumen.annotation.catalog.OperatingPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen models stats MODEL [--since DATE] [--json]}: how a model fares in use, from the decisions people
 * made on its findings in the catalog — rates overall and per score band, time to decision, lesions people drew
 * that it had not found, the trend per week.
 */
@Command(name = "stats", description = "How a model fares in practice: acceptance per score band, time to decision, lesions it missed, weekly trend.")
final class ModelsStatsCommand implements Callable<Integer> {

    @ParentCommand
    private ModelsCommand models;

    @Mixin
    private CatalogFileOption catalogFile;

    @Parameters(paramLabel = "MODEL", description = "The model id, as in `lumen models` (every version).")
    private String model;

    @Option(names = "--since", paramLabel = "DATE", description = "Only runs from this day (YYYY-MM-DD) or instant (ISO-8601) on.")
    private String since;

    @Option(names = "--json", description = "Machine-readable: model, runs, series, findings, decided, acceptanceRate, "
            + "rejectionRate, uncertainRate, medianMinutesToDecision, humanLesions, humanLesionsMissed, bands, weeks.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = models.lumen();
        ModelPractice p;
        OperatingPoint site;
        Catalog catalog = catalogFile.existing(lumen);
        p = catalog.practice().of(model, since == null ? null : SinceOption.parse(since));
        site = catalog.operatingPoints().current(model).orElse(null);
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode root = toJson(p);
            if (site != null) {
                ObjectNode op = root.putObject("operatingPoint");
                op.put("threshold", site.threshold());
                op.put("chosenAt", site.chosenAt().toString());
                op.put("chosenBy", site.chosenBy());
                if (site.fpPerScan() != null) {
                    op.put("fpPerScan", site.fpPerScan());
                }
                if (site.dataset() != null) {
                    op.put("dataset", site.dataset());
                }
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            print(out, p);
            if (site != null) {
                out.printf(Locale.ROOT, "  site operating point: threshold %.3f, chosen %s by %s%s%n", site.threshold(), site.chosenAt(), site.chosenBy(),
                        site.dataset() == null ? "" : " from the validation on " + site.dataset()
                                + (site.fpPerScan() == null ? "" : " at " + site.fpPerScan() + " FP/scan"));
            }
        }
        out.flush();
        return 0;
    }

    private static ObjectNode toJson(ModelPractice p) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", p.modelId());
        root.put("since", p.since() == null ? null : p.since().toString());
        root.put("runs", p.runs());
        root.put("series", p.series());
        root.put("findings", p.findings());
        root.put("decided", p.decided());
        number(root, "acceptanceRate", p.acceptanceRate());
        number(root, "rejectionRate", p.rate(DecisionKind.REJECT));
        number(root, "uncertainRate", p.rate(DecisionKind.UNCERTAIN));
        if (p.medianMinutesToDecision() != null) {
            root.put("medianMinutesToDecision", p.medianMinutesToDecision());
        }
        root.put("humanLesions", p.humanLesions());
        root.put("humanLesionsMissed", p.humanLesionsMissed());
        root.put("missedRadiusMm", p.missedRadiusMm());
        ArrayNode bands = root.putArray("bands");
        for (ModelPractice.ScoreBand b : p.bands()) {
            ObjectNode n = bands.addObject();
            n.put("from", b.from());
            n.put("to", b.to());
            n.put("findings", b.findings());
            n.put("accepted", b.accepted());
            n.put("edited", b.edited());
            n.put("rejected", b.rejected());
            n.put("uncertain", b.uncertain());
        }
        ArrayNode weeks = root.putArray("weeks");
        for (ModelPractice.Week w : p.trend()) {
            ObjectNode n = weeks.addObject();
            n.put("start", w.start().toString());
            n.put("decided", w.decided());
            n.put("accepted", w.accepted());
            n.put("rejected", w.rejected());
            n.put("uncertain", w.uncertain());
        }
        return root;
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    private static void print(PrintWriter out, ModelPractice p) {
        out.printf(Locale.ROOT, "%s%s: %d run(s) on %d series, %d finding(s), %d decided%n", p.modelId(),
                p.since() == null ? "" : " since " + p.since(), p.runs(), p.series(), p.findings(), p.decided());
        if (p.decided() > 0) {
            out.printf(Locale.ROOT, "  accepted %s (edited %d), rejected %s, uncertain %s; median time to decision %s%n",
                    percent(p.acceptanceRate()), p.decisions().getOrDefault(DecisionKind.EDIT, 0), percent(p.rate(DecisionKind.REJECT)),
                    percent(p.rate(DecisionKind.UNCERTAIN)), minutes(p.medianMinutesToDecision()));
            out.println("  score band   findings  decided  accepted");
            for (ModelPractice.ScoreBand b : p.bands()) {
                if (b.findings() > 0) {
                    out.printf(Locale.ROOT, "  %.1f–%.1f     %8d  %7d  %8s%n", b.from(), b.to(), b.findings(), b.decided(), percent(b.acceptanceRate()));
                }
            }
            out.println("  week of      decided  accepted");
            for (ModelPractice.Week w : p.trend()) {
                out.printf(Locale.ROOT, "  %s  %7d  %8s%n", w.start(), w.decided(), percent(w.acceptanceRate()));
            }
        }
        out.printf(Locale.ROOT, "  lesions drawn by people on these series: %d, of which the model had not found %d (no finding within %.0f mm)%n",
                p.humanLesions(), p.humanLesionsMissed(), p.missedRadiusMm());
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, "%.0f %%", rate * 100);
    }

    private static String minutes(Double m) {
        if (m == null) {
            return "–";
        }
        return m < 120 ? String.format(Locale.ROOT, "%.0f min", m) : String.format(Locale.ROOT, "%.1f h", m / 60);
    }
}
