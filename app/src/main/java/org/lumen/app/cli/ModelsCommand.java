// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelClass;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelRegistry;
import org.lumen.aiassist.model.RegistryEntry;
import org.lumen.aiassist.model.ValidationFigure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen models [--json]}: the installed models (the bundled demo, then every package in the
 * user data folder's {@code models/}), with the reason for each package Lumen refuses;
 * {@code lumen models verify DIR} checks one package.
 */
@Command(name = "models", description = "List the installed AI models: the bundled demo and the packages in the user data folder's models/.",
        subcommands = {ModelsVerifyCommand.class, ModelsStatsCommand.class})
final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Option(names = "--json", description = "Machine-readable output (camelCase keys).")
    private boolean json;

    LumenCommand lumen() { return lumen; }

    @Override
    public Integer call() throws Exception {
        ModelRegistry registry = lumen.services().models();
        List<RegistryEntry> entries = registry.installed();
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("modelsFolder", registry.modelsFolder().toString());
            ArrayNode models = root.putArray("models");
            ArrayNode refused = root.putArray("refused");
            for (RegistryEntry e : entries) {
                if (e.isValid()) {
                    models.add(describe(e.model()));
                } else {
                    ObjectNode r = refused.addObject();
                    r.put("source", e.source().toString());
                    r.put("reason", e.refusal().reason().name());
                    r.put("message", e.refusal().getMessage());
                }
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            for (RegistryEntry e : entries) {
                if (e.isValid()) {
                    printText(e.model(), out);
                } else {
                    out.printf("refused  %s%n         %s%n", e.source(), e.refusal().getMessage());
                }
            }
            out.printf("models folder: %s%n", registry.modelsFolder());
        }
        out.flush();
        return 0;
    }

    static void printText(ModelPackage m, PrintWriter out) {
        ModelCard c = m.card();
        InputContract in = c.input();
        String flags = String.join(", ", java.util.stream.Stream.of(m.bundled() ? "bundled" : null, c.demo() ? "demo" : null,
                c.notForClinicalUse() ? "not for clinical use" : null).filter(java.util.Objects::nonNull).toList());
        out.printf("%s  %s  %s%s%n", c.id(), c.version(), c.name(), flags.isEmpty() ? "" : "  [" + flags + "]");
        if (c.isImageModel()) {
            out.printf(Locale.ROOT, "         2D image model: %s%n", c.image().describe());
        }
        out.printf(Locale.ROOT, "         %s %s, %s input %s, %s, %s; %s: %s%n", c.modality(), c.bodyPart(), in.dimensionality().label(),
                patch(in), in.targetSpacingMm() == null ? "native spacing" : "spacing " + numbers(in.targetSpacingMm()) + " mm",
                in.normalisation().describe(), c.output().kind().label(),
                String.join(", ", c.classes().stream().map(ModelClass::name).toList()));
        var use = c.intendedUseCriteria();
        out.printf("         intended use checked before every run: %s%n", use.declared() ? String.join("; ", use.describe())
                : "nothing (the card declares no criteria)");
        out.printf("         sha256 %s, %s%n", c.sha256(), m.source());
    }

    static ObjectNode describe(ModelPackage m) {
        ModelCard c = m.card();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("version", c.version());
        n.put("sha256", c.sha256());
        n.put("source", m.source().toString());
        n.put("bundled", m.bundled());
        n.put("demo", c.demo());
        n.put("notForClinicalUse", c.notForClinicalUse());
        n.put("license", c.license());
        n.put("intendedUse", c.intendedUse());
        n.put("modality", c.modality());
        n.put("bodyPart", c.bodyPart());
        // What kind of data it takes and gives, at a glance: 2 (one image at a time) or 3 (a series as a volume).
        n.put("dimensions", c.dimensions());
        c.intendedUseCriteria().modalities().forEach(n.putArray("acceptedModalities")::add);
        n.put("outputKind", c.output().kind().label());
        if (c.isImageModel()) {
            n.put("image", c.image().describe());
        }
        // What Lumen checks before a run; a criterion the card leaves out is null (no constraint).
        var use = c.intendedUseCriteria();
        ObjectNode criteria = n.putObject("intendedUseCriteria");
        criteria.put("declared", use.declared());
        use.modalities().forEach(criteria.putArray("modalities")::add);
        use.bodyParts().stream().sorted().forEach(r -> criteria.withArray("bodyParts").add(r.name()));
        if (use.bodyParts().isEmpty()) {
            criteria.putArray("bodyParts");
        }
        limits(criteria, "sliceThicknessMm", use.sliceThickness());
        limits(criteria, "sliceSpacingMm", use.sliceSpacing());
        criteria.put("regularVolume", use.regularVolume());
        if (use.valueRange() == null) {
            criteria.putNull("valueRange");
        } else {
            criteria.putObject("valueRange").put("low", use.valueRange().low()).put("high", use.valueRange().high())
                    .put("unit", use.valueRange().unit());
        }
        ObjectNode in = n.putObject("input");
        in.put("tensor", c.input().tensor());
        in.put("dimensionality", c.input().dimensionality().label());
        in.put("channels", c.input().channels());
        ArrayNode patch = in.putArray("patchSize");
        for (int p : c.input().patchSize()) {
            patch.add(p);
        }
        if (c.input().targetSpacingMm() == null) {
            in.putNull("targetSpacingMm");
        } else {
            ArrayNode s = in.putArray("targetSpacingMm");
            for (double v : c.input().targetSpacingMm()) {
                s.add(v);
            }
        }
        in.put("normalisation", c.input().normalisation().describe());
        in.put("orientation", c.input().orientation());
        in.put("spatialOrder", c.input().spatialOrder().label());
        in.put("batchSize", m.batchSize());
        ObjectNode o = n.putObject("output");
        o.put("tensor", c.output().tensor());
        o.put("kind", c.output().kind().label());
        o.put("activation", c.output().activation().label());
        ArrayNode classes = n.putArray("classes");
        for (ModelClass k : c.classes()) {
            ObjectNode kn = classes.addObject();
            kn.put("name", k.name());
            kn.put("colour", k.colour());
            kn.put("threshold", c.threshold(k));
        }
        n.put("defaultThreshold", c.defaultThreshold());
        ArrayNode validation = n.putArray("validation");
        for (ValidationFigure v : c.validation()) {
            validation.addObject().put("metric", v.metric()).put("value", v.value()).put("dataset", v.dataset()).put("note", v.note());
        }
        return n;
    }

    private static void limits(ObjectNode parent, String field, org.lumen.aiassist.model.IntendedUse.Limits l) {
        if (l == null) {
            parent.putNull(field);
            return;
        }
        ObjectNode o = parent.putObject(field);
        if (!Double.isNaN(l.min())) {
            o.put("min", l.min());
        }
        if (!Double.isNaN(l.max())) {
            o.put("max", l.max());
        }
    }

    private static String patch(InputContract in) {
        return String.join("x", java.util.Arrays.stream(in.patchSize()).mapToObj(Integer::toString).toList());
    }

    private static String numbers(double[] values) {
        return String.join("x", java.util.Arrays.stream(values).mapToObj(v -> v == Math.rint(v)
                ? Long.toString((long) v) : Double.toString(v)).toList());
    }
}
