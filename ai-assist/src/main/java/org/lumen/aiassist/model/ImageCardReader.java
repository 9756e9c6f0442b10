// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a card's {@code image} object (a 2D image model's contract) for {@link ModelCardReader}:
 * absent required fields join the reader's list of missing ones, wrong values are refused with a
 * sentence naming the field.
 */
final class ImageCardReader {

    private final Function<String, ModelRefusedException> invalid;
    private final List<String> missing;

    ImageCardReader(Function<String, ModelRefusedException> invalid, List<String> missing) {
        this.invalid = invalid;
        this.missing = missing;
    }

    ImageContract read(JsonNode image, InputContract input, OutputKind kind, List<ModelClass> classes) throws ModelRefusedException {
        int missingBefore = missing.size();
        if (!image.isObject()) {
            throw invalid.apply("image must be a JSON object");
        }
        String colourText = text(image, "colour");
        ImageContract.Colour colour = ImageContract.Colour.GREY;
        if (colourText == null) {
            missing.add("image.colour");
        } else {
            colour = ImageContract.Colour.parse(colourText).orElseThrow(() -> invalid.apply(
                    "image.colour must be grey or rgb, was \"" + colourText + "\""));
            if (colour.channels() != input.channels()) {
                throw invalid.apply("image.colour " + colour.label() + " means " + colour.channels()
                        + " input channel(s) but input.channels is " + input.channels());
            }
        }
        String fitText = text(image, "fit");
        ImageContract.Fit fit = ImageContract.Fit.LETTERBOX;
        if (fitText == null) {
            missing.add("image.fit");
        } else {
            fit = ImageContract.Fit.parse(fitText).orElseThrow(() -> invalid.apply(
                    "image.fit must be letterbox, stretch, centreCrop or tile, was \"" + fitText + "\""));
        }
        double downsample = image.path("downsample").asDouble(1);
        String orientText = text(image, "orient");
        ImageContract.Orient orient = orientText == null ? ImageContract.Orient.NONE : ImageContract.Orient.parse(orientText)
                .orElseThrow(() -> invalid.apply("image.orient must be none, chestWallLeft or chestWallRight, was \"" + orientText + "\""));
        JsonNode study = image.path("study");
        String ruleText = study.isTextual() ? study.asText() : text(study, "rule");
        ImageContract.StudyRule rule = ruleText == null ? ImageContract.StudyRule.MAX : ImageContract.StudyRule.parse(ruleText)
                .orElseThrow(() -> invalid.apply("image.study.rule must be max, mean or perLaterality, was \"" + ruleText + "\""));
        ImageNormalisation normalisation = normalisation(image.path("normalisation"), colour);
        GradeRule grade = image.has("grade") ? grade(image.get("grade"), kind, classes) : null;
        JsonNode ordinal = image.path("ordinal");
        if (!ordinal.isMissingNode() && !ordinal.isBoolean()) {
            throw invalid.apply("image.ordinal must be true or false");
        }
        if (ordinal.asBoolean(false) && kind != OutputKind.CLASSIFICATION) {
            throw invalid.apply("image.ordinal marks ordered classification grades; this model's output is " + kind.label());
        }
        if (kind == OutputKind.CLASSIFICATION && grade != null) {
            throw invalid.apply("image.grade computes a grade from findings; a classification model's classes are its grades "
                    + "(use image.ordinal)");
        }
        if (missing.size() > missingBefore) {
            // The card is refused for what it lacks; this stand-in only lets the reader list every missing field.
            fit = ImageContract.Fit.TILE;
        }
        try {
            return new ImageContract(colour, fit, downsample, image.path("padValue").asDouble(0), normalisation, orient, rule, grade,
                    ordinal.asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw invalid.apply("image: " + e.getMessage());
        }
    }

    private ImageNormalisation normalisation(JsonNode n, ImageContract.Colour colour) throws ModelRefusedException {
        if (n.isMissingNode() || n.isNull()) {
            missing.add("image.normalisation");
            return ImageNormalisation.none();
        }
        String type = text(n, "type");
        if (type == null) {
            missing.add("image.normalisation.type");
            return ImageNormalisation.none();
        }
        try {
            return switch (type) {
                case "window" -> {
                    if (!n.path("low").isNumber() || !n.path("high").isNumber()) {
                        throw invalid.apply("image.normalisation window needs numbers low and high");
                    }
                    yield ImageNormalisation.window(n.get("low").asDouble(), n.get("high").asDouble());
                }
                case "percentileWindow" -> ImageNormalisation.percentileWindow(n.path("low").asDouble(1), n.path("high").asDouble(99));
                case "channelMeanStd" -> {
                    double[] mean = doubles(n.path("mean"));
                    double[] std = doubles(n.path("std"));
                    if (mean == null || std == null || mean.length != colour.channels() || std.length != colour.channels()) {
                        throw invalid.apply("image.normalisation channelMeanStd needs " + colour.channels()
                                + " mean and " + colour.channels() + " std values (one per channel)");
                    }
                    yield ImageNormalisation.channelMeanStd(n.path("scale").asDouble(1), mean, std);
                }
                case "none" -> ImageNormalisation.none();
                default -> throw invalid.apply("image.normalisation.type must be window, percentileWindow, channelMeanStd or none, was \""
                        + type + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw invalid.apply("image.normalisation: " + e.getMessage());
        }
    }

    private GradeRule grade(JsonNode g, OutputKind kind, List<ModelClass> classes) throws ModelRefusedException {
        if (!g.isObject() || !g.path("levels").isArray() || !g.path("rules").isArray() || text(g, "otherwise") == null) {
            throw invalid.apply("image.grade needs levels (best first), rules and otherwise");
        }
        List<String> levels = new ArrayList<>();
        g.get("levels").forEach(l -> levels.add(l.asText()));
        List<GradeRule.Rule> rules = new ArrayList<>();
        for (JsonNode r : g.get("rules")) {
            String grade = text(r, "grade");
            if (grade == null || !r.path("anyOf").isArray()) {
                throw invalid.apply("every image.grade rule needs a grade and anyOf conditions");
            }
            List<GradeRule.Condition> conditions = new ArrayList<>();
            for (JsonNode c : r.get("anyOf")) {
                String cls = text(c, "class");
                if (cls == null || !c.path("atLeast").canConvertToInt()) {
                    throw invalid.apply("every image.grade condition needs a class and atLeast (a count)");
                }
                if (classes.stream().noneMatch(m -> m.name().equals(cls))) {
                    throw invalid.apply("image.grade names the class \"" + cls + "\", which the card's classes do not list");
                }
                conditions.add(new GradeRule.Condition(cls, c.get("atLeast").asInt()));
            }
            rules.add(new GradeRule.Rule(grade, conditions));
        }
        try {
            return new GradeRule(levels, rules, text(g, "otherwise"));
        } catch (IllegalArgumentException e) {
            throw invalid.apply("image.grade: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static double[] doubles(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return null;
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).isNumber()) {
                return null;
            }
            values[i] = node.get(i).asDouble();
        }
        return values;
    }
}
