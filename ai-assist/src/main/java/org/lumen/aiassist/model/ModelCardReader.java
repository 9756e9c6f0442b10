// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@code model.json} (and, when the package is also a MONAI Bundle, the
 * {@code network_data_format} of {@code configs/metadata.json}) into a {@link ModelCard}. Every
 * required field that is absent is collected, so an incomplete card is refused with one sentence
 * listing all of them rather than one at a time.
 */
final class ModelCardReader {

    /** The largest patch side `infer` accepts: far above any radiology model's (MONAI's are 96–512). */
    static final int MAX_PATCH = 2048;
    /** The largest input tensor per patch: 1 GiB of float32. */
    static final long MAX_PATCH_BYTES = 1L << 30;
    /** Resampling targets outside this range make absurd grids (a 0.0001 mm target multiplies the voxels by 10^12). */
    static final double MIN_SPACING_MM = 0.01;
    static final double MAX_SPACING_MM = 100;


    static final String DEFAULT_FILE = "model.onnx";
    private static final String[] PALETTE = {"#FF5030", "#30C0FF", "#FFD030", "#60E060", "#D060FF", "#FF9020", "#20E0C0", "#F0F0F0"};

    private final Path source;
    private final List<String> missing = new ArrayList<>();
    /** True while reading a card with an {@code image} object (a 2D image model). */
    private boolean imageCard;

    ModelCardReader(Path source) {
        this.source = source;
    }

    /**
     * @param card   the parsed model.json
     * @param monai  the parsed configs/metadata.json, or null when the package has none
     */
    ModelCard read(JsonNode card, JsonNode monai) throws ModelRefusedException {
        if (card == null || !card.isObject()) {
            throw invalid("model.json is not a JSON object");
        }
        Monai bundle = monai == null ? null : new Monai(monai);
        String id = text(card, "id", null);
        String name = text(card, "name", bundle == null ? null : bundle.name());
        String version = text(card, "version", bundle == null ? null : bundle.text("version"));
        String sha256 = text(card, "sha256", null);
        String file = card.hasNonNull("file") ? card.get("file").asText() : bundle != null ? "models/model.onnx" : DEFAULT_FILE;
        String license = text(card, "license", null);
        String intendedUse = text(card, "intendedUse", bundle == null ? null : bundle.text("intended_use"));
        Boolean notForClinicalUse = bool(card, "notForClinicalUse");
        boolean demo = card.path("demo").asBoolean(false);
        String modality = text(card, "modality", bundle == null ? null : bundle.inputModality());
        String bodyPart = text(card, "bodyPart", null);
        String description = card.hasNonNull("description") ? card.get("description").asText()
                : bundle != null && bundle.text("description") != null ? bundle.text("description") : "";

        JsonNode in = card.path("input");
        JsonNode out = card.path("output");
        JsonNode imageNode = card.path("image");
        imageCard = !imageNode.isMissingNode() && !imageNode.isNull();
        InputContract input = input(in, bundle);
        OutputKind kind = outputKind(out, bundle);
        Activation activation = activation(out, bundle, kind);
        List<ModelClass> classes = classes(card.path("classes"), bundle);
        Double threshold = number(card, "defaultThreshold");
        List<ValidationFigure> validation = validation(card);
        IntendedUse criteria = criteria(card.path("intendedUseCriteria"), bundle);
        ImageContract image = imageCard ? new ImageCardReader(this::invalid, missing).read(imageNode, input, kind, classes) : null;

        if (sha256 != null && !sha256.matches("(?i)[0-9a-f]{64}")) {
            throw invalid("its sha256 \"" + sha256 + "\" is not 64 hexadecimal digits");
        }
        if (!missing.isEmpty()) {
            throw new ModelRefusedException(Refusal.INCOMPLETE_CARD, source,
                    "its model card is incomplete: it lacks " + String.join(", ", missing));
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw invalid("defaultThreshold must lie between 0 and 1, was " + threshold);
        }
        if (kind == OutputKind.SEGMENTATION && classes.size() < 2 && !classes.isEmpty()) {
            // A one-class segmentation is a probability map with a background implied; accept it.
            kind = OutputKind.PROBABILITY_MAP;
        }
        return new ModelCard(id, name, version, sha256.toLowerCase(Locale.ROOT), file, license, intendedUse,
                notForClinicalUse, demo, modality, bodyPart, description, input,
                new OutputContract(textOrNull(out, "tensor"), kind, activation), classes, threshold, validation, criteria, image);
    }

    /**
     * The optional {@code intendedUseCriteria} object; a MONAI Bundle's declared input modality is a
     * modality criterion when the object names none. Every field is optional: absent means no constraint.
     */
    private IntendedUse criteria(JsonNode node, Monai bundle) throws ModelRefusedException {
        List<String> modalities = new ArrayList<>();
        if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
            throw invalid("intendedUseCriteria must be a JSON object");
        }
        for (String m : strings(node, "modalities")) {
            if (!m.matches("[A-Za-z]{2,16}")) {
                throw invalid("intendedUseCriteria.modalities must be DICOM modality codes such as CT or MR, was \"" + m + "\"");
            }
            modalities.add(m);
        }
        if (modalities.isEmpty() && bundle != null && bundle.inputModality() != null) {
            String m = bundle.inputModality().strip().toUpperCase(Locale.ROOT);
            modalities.add(m.equals("MRI") ? "MR" : m);
        }
        java.util.Set<BodyRegion> regions = java.util.EnumSet.noneOf(BodyRegion.class);
        for (String b : strings(node, "bodyParts")) {
            regions.addAll(BodyRegion.parse(b).orElseThrow(() -> invalid("intendedUseCriteria.bodyParts: \"" + b
                    + "\" is neither a body region Lumen knows (" + java.util.Arrays.stream(BodyRegion.values())
                    .map(r -> r.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.joining(", "))
                    + ") nor a Body Part Examined term")));
        }
        IntendedUse.Limits thickness = limits(node, "sliceThicknessMm");
        IntendedUse.Limits spacing = limits(node, "sliceSpacingMm");
        JsonNode regular = node.path("regularVolume");
        if (!regular.isMissingNode() && !regular.isNull() && !regular.isBoolean()) {
            throw invalid("intendedUseCriteria.regularVolume must be true or false");
        }
        IntendedUse.ValueRange range = null;
        JsonNode r = node.path("valueRange");
        if (r.isObject()) {
            if (!r.path("low").isNumber() || !r.path("high").isNumber()) {
                throw invalid("intendedUseCriteria.valueRange needs numbers low and high");
            }
            try {
                range = new IntendedUse.ValueRange(r.get("low").asDouble(), r.get("high").asDouble(), textOrNull(r, "unit"));
            } catch (IllegalArgumentException e) {
                throw invalid("intendedUseCriteria.valueRange: " + e.getMessage());
            }
        } else if (!r.isMissingNode() && !r.isNull()) {
            throw invalid("intendedUseCriteria.valueRange must be an object with low, high and unit");
        }
        return new IntendedUse(modalities, regions, thickness, spacing, regular.asBoolean(false), range, strings(node, "sopClasses"),
                strings(node, "views"), strings(node, "lateralities"));
    }

    private List<String> strings(JsonNode node, String field) throws ModelRefusedException {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw invalid("intendedUseCriteria." + field + " must be a list of texts");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw invalid("intendedUseCriteria." + field + " must be a list of texts");
            }
            out.add(e.asText().strip());
        }
        return out;
    }

    private IntendedUse.Limits limits(JsonNode node, String field) throws ModelRefusedException {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        JsonNode min = v.path("min");
        JsonNode max = v.path("max");
        boolean minOk = min.isMissingNode() || min.isNull() || min.isNumber() && min.asDouble() > 0;
        boolean maxOk = max.isMissingNode() || max.isNull() || max.isNumber() && max.asDouble() > 0;
        if (!v.isObject() || !minOk || !maxOk || !min.isNumber() && !max.isNumber()) {
            throw invalid("intendedUseCriteria." + field + " must be an object with a positive min, max or both (mm)");
        }
        try {
            return new IntendedUse.Limits(min.isNumber() ? min.asDouble() : Double.NaN, max.isNumber() ? max.asDouble() : Double.NaN);
        } catch (IllegalArgumentException e) {
            throw invalid("intendedUseCriteria." + field + ": " + e.getMessage());
        }
    }

    private InputContract input(JsonNode in, Monai bundle) throws ModelRefusedException {
        if (!in.isObject() && bundle == null) {
            missing.add("input");
            return placeholderInput();
        }
        String dimText = textOrNull(in, "dimensionality");
        Dimensionality dims = null;
        if (dimText != null) {
            dims = Dimensionality.parse(dimText).orElseThrow(() -> invalid("input.dimensionality must be 2D, 2.5D or 3D, was \"" + dimText + "\""));
        } else if (bundle != null && bundle.spatialRank() > 0) {
            dims = bundle.spatialRank() == 3 ? Dimensionality.THREE_D : Dimensionality.TWO_D;
        } else {
            missing.add("input.dimensionality");
        }
        Integer channels = in.hasNonNull("channels") ? in.get("channels").asInt() : null;
        Integer monaiChannels = bundle == null ? null : bundle.inputChannels();
        if (channels != null && monaiChannels != null && !channels.equals(monaiChannels)) {
            throw invalid("model.json declares " + channels + " input channel(s) but configs/metadata.json declares " + monaiChannels);
        }
        channels = channels != null ? channels : monaiChannels;
        if (channels == null) {
            missing.add("input.channels");
        } else if (channels < 1) {
            throw invalid("input.channels must be at least 1, was " + channels);
        }
        int[] patch = ints(in.path("patchSize"));
        int[] monaiPatch = bundle == null ? null : bundle.inputSpatialShape();
        if (patch != null && monaiPatch != null && !java.util.Arrays.equals(patch, monaiPatch)) {
            throw invalid("model.json declares a patch of " + java.util.Arrays.toString(patch)
                    + " but configs/metadata.json declares " + java.util.Arrays.toString(monaiPatch));
        }
        patch = patch != null ? patch : monaiPatch;
        if (patch == null) {
            missing.add("input.patchSize");
        } else if (dims != null && patch.length != dims.spatialAxes()) {
            throw invalid("a " + dims.label() + " model needs " + dims.spatialAxes() + " patch sizes, the card gives " + patch.length);
        } else {
            long voxels = 1;
            for (int p : patch) {
                if (p < 1) {
                    throw invalid("patch sizes must be positive, were " + java.util.Arrays.toString(patch));
                }
                if (p > MAX_PATCH) {
                    throw invalid("patch sizes must be at most " + MAX_PATCH + " voxels, were " + java.util.Arrays.toString(patch));
                }
                voxels *= p;
            }
            // What `infer` will allocate per patch (float32, every channel): refused here, not as an out-of-memory there.
            if (voxels * Math.max(1, channels) * Float.BYTES > MAX_PATCH_BYTES) {
                throw invalid("a patch of " + java.util.Arrays.toString(patch) + " with " + channels + " channel(s) needs "
                        + voxels * Math.max(1, channels) * Float.BYTES / (1 << 20) + " MB per tensor; at most "
                        + (MAX_PATCH_BYTES >> 20) + " MB is allowed");
            }
        }
        double[] spacing = null;
        if (!in.has("targetSpacingMm") && imageCard) {
            spacing = null; // a 2D image model works in the image's pixels (image.fit says how)
        } else if (!in.has("targetSpacingMm")) {
            missing.add("input.targetSpacingMm (null or \"native\" keeps the series' spacing)");
        } else if (in.get("targetSpacingMm").isArray()) {
            spacing = doubles(in.get("targetSpacingMm"));
            if (spacing == null || patch != null && spacing.length != patch.length) {
                throw invalid("input.targetSpacingMm must give one positive spacing per patch axis");
            }
            for (double s : spacing) {
                if (!(s > 0) || Double.isInfinite(s)) {
                    throw invalid("input.targetSpacingMm must be positive, was " + java.util.Arrays.toString(spacing));
                }
                if (s < MIN_SPACING_MM || s > MAX_SPACING_MM) {
                    throw invalid("input.targetSpacingMm must be between " + MIN_SPACING_MM + " and " + MAX_SPACING_MM
                            + " mm (a resampled series would be absurd), was " + java.util.Arrays.toString(spacing));
                }
            }
        }
        if (imageCard && in.has("normalisation")) {
            throw invalid("a 2D image card gives its normalisation as image.normalisation, not input.normalisation");
        }
        if (imageCard && dims != Dimensionality.TWO_D) {
            throw invalid("a card with an image object is a 2D image model: input.dimensionality must be 2D");
        }
        Normalisation normalisation = imageCard ? Normalisation.none() : normalisation(in.path("normalisation"));
        String orientation = textOrNull(in, "orientation");
        if (orientation == null && imageCard) {
            orientation = "native";
        } else if (orientation == null) {
            missing.add("input.orientation");
            orientation = "native";
        } else if (!List.of("native", "LPS", "RAS").contains(orientation)) {
            throw invalid("input.orientation must be native, LPS or RAS, was \"" + orientation + "\"");
        }
        if (dims != null && dims != Dimensionality.THREE_D && !orientation.equals("native")) {
            throw invalid("2D and 2.5D models work on the series' own slices: input.orientation must be native");
        }
        String orderText = textOrNull(in, "spatialOrder");
        SpatialOrder order = orderText == null ? bundle != null ? SpatialOrder.XYZ : SpatialOrder.ZYX
                : SpatialOrder.parse(orderText).orElseThrow(() -> invalid("input.spatialOrder must be zyx or xyz, was \"" + orderText + "\""));
        int maxBatch = in.path("maxBatch").asInt(1);
        if (maxBatch < 1) {
            throw invalid("input.maxBatch must be at least 1, was " + maxBatch);
        }
        double overlap = in.path("overlap").asDouble(0.25);
        if (!(overlap >= 0 && overlap < 1)) {
            throw invalid("input.overlap must be at least 0 and below 1, was " + overlap);
        }
        if (dims == Dimensionality.TWO_AND_A_HALF_D && channels != null && channels % 2 == 0) {
            throw invalid("a 2.5D model takes an odd number of adjacent slices as channels, the card says " + channels);
        }
        double padding = in.hasNonNull("paddingValue") ? in.get("paddingValue").asDouble() : Double.NaN;
        return new InputContract(textOrNull(in, "tensor"), dims == null ? Dimensionality.THREE_D : dims,
                channels == null ? 1 : channels, patch == null ? new int[] {1, 1, 1} : patch, spacing,
                normalisation, orientation, order, maxBatch, overlap, padding);
    }

    private Normalisation normalisation(JsonNode n) throws ModelRefusedException {
        if (n.isMissingNode() || n.isNull()) {
            missing.add("input.normalisation");
            return Normalisation.none();
        }
        String type = textOrNull(n, "type");
        if (type == null) {
            missing.add("input.normalisation.type");
            return Normalisation.none();
        }
        try {
            return switch (type) {
                case "huWindow" -> {
                    if (!n.hasNonNull("low") || !n.hasNonNull("high")) {
                        missing.add("input.normalisation.low and .high");
                        yield Normalisation.none();
                    }
                    yield Normalisation.huWindow(n.get("low").asDouble(), n.get("high").asDouble());
                }
                case "zScore" -> n.hasNonNull("mean") && n.hasNonNull("std")
                        ? Normalisation.zScore(n.get("mean").asDouble(), n.get("std").asDouble())
                        : Normalisation.zScoreOfSeries();
                case "none" -> Normalisation.none();
                default -> throw invalid("input.normalisation.type must be huWindow, zScore or none, was \"" + type + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw invalid("input.normalisation: " + e.getMessage());
        }
    }

    private OutputKind outputKind(JsonNode out, Monai bundle) throws ModelRefusedException {
        String text = textOrNull(out, "kind");
        OutputKind monaiKind = bundle == null ? null : bundle.outputKind();
        if (text == null) {
            if (monaiKind == null) {
                missing.add("output.kind");
                return OutputKind.PROBABILITY_MAP;
            }
            return monaiKind;
        }
        OutputKind kind = OutputKind.parse(text).orElseThrow(() -> invalid(
                "output.kind must be probabilityMap, segmentation, classification or detection, was \"" + text + "\""));
        if (monaiKind != null && monaiKind != kind) {
            throw invalid("model.json declares a " + kind.label() + " output but configs/metadata.json a " + monaiKind.label());
        }
        return kind;
    }

    private Activation activation(JsonNode out, Monai bundle, OutputKind kind) throws ModelRefusedException {
        String text = textOrNull(out, "activation");
        if (text != null) {
            return Activation.parse(text).orElseThrow(() -> invalid("output.activation must be none, sigmoid or softmax, was \"" + text + "\""));
        }
        // MONAI networks end in logits: one-hot labels take a softmax, multi-label classes a sigmoid.
        if (bundle != null && kind == OutputKind.SEGMENTATION && "labels".equals(bundle.outputFormat())) {
            return Activation.SOFTMAX;
        }
        if (bundle != null && "classes".equals(bundle.outputFormat())) {
            return Activation.SIGMOID;
        }
        return Activation.NONE;
    }

    private List<ModelClass> classes(JsonNode node, Monai bundle) throws ModelRefusedException {
        List<ModelClass> classes = new ArrayList<>();
        if (node.isArray() && !node.isEmpty()) {
            int index = 0;
            for (JsonNode c : node) {
                String name = c.isTextual() ? c.asText() : textOrNull(c, "name");
                if (name == null) {
                    missing.add("classes[" + index + "].name");
                    name = "class " + index;
                }
                String colour = c.isObject() && c.hasNonNull("colour") ? c.get("colour").asText() : PALETTE[index % PALETTE.length];
                double threshold = c.isObject() && c.hasNonNull("threshold") ? c.get("threshold").asDouble() : Double.NaN;
                try {
                    classes.add(new ModelClass(index, name, colour, threshold));
                } catch (IllegalArgumentException e) {
                    throw invalid("classes[" + index + "]: " + e.getMessage());
                }
                index++;
            }
        } else if (bundle != null && !bundle.outputChannelNames().isEmpty()) {
            int index = 0;
            for (String name : bundle.outputChannelNames()) {
                classes.add(new ModelClass(index, name, PALETTE[index % PALETTE.length], Double.NaN));
                index++;
            }
        } else {
            missing.add("classes");
        }
        if (bundle != null && !bundle.outputChannelNames().isEmpty() && node.isArray() && !node.isEmpty()
                && bundle.outputChannelNames().size() != classes.size()) {
            throw invalid("model.json lists " + classes.size() + " classes but configs/metadata.json defines "
                    + bundle.outputChannelNames().size() + " output channels");
        }
        return classes;
    }

    private List<ValidationFigure> validation(JsonNode card) throws ModelRefusedException {
        if (!card.has("validation")) {
            missing.add("validation (an empty list when the author reports none)");
            return List.of();
        }
        List<ValidationFigure> figures = new ArrayList<>();
        JsonNode list = card.get("validation");
        if (!list.isArray()) {
            throw invalid("validation must be a list of {metric, value, dataset}");
        }
        for (JsonNode v : list) {
            if (!v.hasNonNull("metric") || !v.hasNonNull("value") || !v.get("value").isNumber()) {
                throw invalid("every validation figure needs a metric and a numeric value");
            }
            figures.add(new ValidationFigure(v.get("metric").asText(), v.get("value").asDouble(),
                    v.path("dataset").asText(""), v.path("note").asText("")));
        }
        return figures;
    }

    private String text(JsonNode node, String field, String fallback) {
        String value = textOrNull(node, field);
        if (value == null) {
            value = fallback;
        }
        if (value == null || value.isBlank()) {
            missing.add(field);
            return null;
        }
        return value;
    }

    private Boolean bool(JsonNode node, String field) throws ModelRefusedException {
        if (!node.hasNonNull(field)) {
            missing.add(field);
            return Boolean.TRUE;
        }
        if (!node.get(field).isBoolean()) {
            throw invalid(field + " must be true or false");
        }
        return node.get(field).asBoolean();
    }

    private Double number(JsonNode node, String field) throws ModelRefusedException {
        if (!node.hasNonNull(field)) {
            missing.add(field);
            return 0.5;
        }
        if (!node.get(field).isNumber()) {
            throw invalid(field + " must be a number");
        }
        return node.get(field).asDouble();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static int[] ints(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return null;
        }
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).canConvertToInt()) {
                return null;
            }
            values[i] = node.get(i).asInt();
        }
        return values;
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

    private static InputContract placeholderInput() {
        return new InputContract(null, Dimensionality.THREE_D, 1, new int[] {1, 1, 1}, null, Normalisation.none(), "native",
                SpatialOrder.ZYX, 1, 0.25, Double.NaN);
    }

    ModelRefusedException invalid(String sentence) {
        return new ModelRefusedException(Refusal.INVALID_CARD, source, sentence);
    }

    /** The parts of a MONAI Bundle's metadata.json that describe the network's input and output. */
    private static final class Monai {
        private final JsonNode root;
        private final JsonNode input;
        private final JsonNode output;

        Monai(JsonNode root) {
            this.root = root;
            JsonNode format = root.path("network_data_format");
            this.input = first(format.path("inputs"));
            this.output = first(format.path("outputs"));
        }

        String text(String field) {
            return textOrNull(root, field);
        }

        String name() {
            String name = textOrNull(root, "name");
            return name != null ? name : textOrNull(root, "task");
        }

        String inputModality() {
            String m = textOrNull(input, "modality");
            return m == null || m.equalsIgnoreCase("n/a") ? null : m;
        }

        Integer inputChannels() {
            return input != null && input.hasNonNull("num_channels") ? input.get("num_channels").asInt() : null;
        }

        int spatialRank() {
            return input != null && input.path("spatial_shape").isArray() ? input.get("spatial_shape").size() : 0;
        }

        /** The spatial shape when every entry is a fixed size ("*" or expressions mean any size). */
        int[] inputSpatialShape() {
            return input == null ? null : ints(input.path("spatial_shape"));
        }

        String outputFormat() {
            return textOrNull(output, "format");
        }

        OutputKind outputKind() {
            if (output == null) {
                return null;
            }
            if ("probabilities".equals(textOrNull(output, "type"))) {
                return OutputKind.CLASSIFICATION;
            }
            String format = outputFormat();
            if (format == null) {
                return null;
            }
            return switch (format) {
                case "labels", "segmentation" -> OutputKind.SEGMENTATION;
                case "classes" -> OutputKind.PROBABILITY_MAP;
                default -> null;
            };
        }

        List<String> outputChannelNames() {
            if (output == null || !output.path("channel_def").isObject()) {
                return List.of();
            }
            Map<Integer, String> byIndex = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = output.get("channel_def").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                try {
                    byIndex.put(Integer.parseInt(e.getKey().strip()), e.getValue().asText());
                } catch (NumberFormatException ignored) {
                    // A non-numeric key is not a channel index.
                }
            }
            return List.copyOf(byIndex.values());
        }

        private static JsonNode first(JsonNode object) {
            Iterator<JsonNode> values = object.isObject() ? object.elements() : java.util.Collections.emptyIterator();
            return values.hasNext() ? values.next() : null;
        }
    }
}
