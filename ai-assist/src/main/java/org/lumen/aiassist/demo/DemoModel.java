// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.lumen.io.AtomicFiles;

/**
 * Lumen's bundled demo model: the {@link BlobDetectorGraph} with its design, written as a real
 * model package (model.onnx + model.json) by Lumen's own code on first use. The bytes are the
 * same on every machine, so the card's sha256 is too. Honestly labelled: a demonstration for the
 * built-in demo study, not for clinical use.
 */
public final class DemoModel {

    public static final String ID = "lumen-demo-nodules";
    public static final String VERSION = "1.0.0";
    /** What {@code --model demo} selects. */
    public static final String ALIAS = "demo";

    /** The design: scales 1–4 voxels of 1.5 mm (blobs of about 5–20 mm), a 31 mm context box. */
    public static final BlobDetectorGraph.Design DESIGN = new BlobDetectorGraph.Design(
            new double[] {1.0, Math.sqrt(2), 2.0, 2 * Math.sqrt(2), 4.0},
            0.45, 10, 0.45, 0.75, 4, 0.55, 0.75, 0.45, 0.65, 40, 0.16);

    /** Spacing of the model grid, mm, isotropic. */
    public static final double SPACING_MM = 1.5;
    /** Patch edge in voxels of the model grid. */
    public static final int PATCH = 96;
    public static final double HU_LOW = -1000;
    public static final double HU_HIGH = 100;
    /** The slice spacing and thickness it is meant for: 5 mm nodules need slices no further apart than 3 mm. */
    public static final double MIN_SLICE_MM = 0.5;
    public static final double MAX_SLICE_MM = 3.0;

    private DemoModel() { }

    /** The ONNX bytes. */
    public static byte[] onnx() {
        return new BlobDetectorGraph(DESIGN).build(VERSION);
    }

    /**
     * Makes sure {@code folder} holds the demo package with exactly the expected bytes, writing it
     * (atomically, file by file) when it is missing or differs.
     *
     * @return {@code folder}
     */
    public static Path ensure(Path folder) throws IOException {
        byte[] onnx = onnx();
        byte[] card = card(sha256(onnx));
        Files.createDirectories(folder);
        writeIfDifferent(folder.resolve("model.onnx"), onnx);
        writeIfDifferent(folder.resolve("model.json"), card);
        return folder;
    }

    /** The model card, as written. */
    public static byte[] card(String sha256) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode c = json.createObjectNode();
        c.put("id", ID);
        c.put("name", "Lumen demo nodule detector (blob filter)");
        c.put("version", VERSION);
        c.put("sha256", sha256);
        c.put("file", "model.onnx");
        c.put("license", "Apache-2.0");
        c.put("intendedUse", "Demonstration of Lumen's AI workflow (heatmaps, findings, accept/reject) on Lumen's synthetic "
                + "chest CT phantoms. A fixed-weight multi-scale Laplacian-of-Gaussian blob filter with a lung-context gate: "
                + "it marks bright round blobs surrounded by lung. It has never seen a patient.");
        c.put("notForClinicalUse", true);
        c.put("demo", true);
        c.put("modality", "CT");
        c.put("bodyPart", "CHEST");
        ObjectNode criteria = c.putObject("intendedUseCriteria");
        criteria.putArray("modalities").add("CT");
        criteria.putArray("bodyParts").add("CHEST");
        ObjectNode thickness = criteria.putObject("sliceThicknessMm");
        thickness.put("min", MIN_SLICE_MM);
        thickness.put("max", MAX_SLICE_MM);
        ObjectNode spacing = criteria.putObject("sliceSpacingMm");
        spacing.put("min", MIN_SLICE_MM);
        spacing.put("max", MAX_SLICE_MM);
        criteria.put("regularVolume", true);
        ObjectNode range = criteria.putObject("valueRange");
        range.put("low", -1024);
        range.put("high", 3071);
        range.put("unit", "HU");
        c.put("description", "Not a trained network: every weight is computed by Lumen (Gaussian kernels at 1-4 voxels of "
                + SPACING_MM + " mm, their scale-normalised differences, a box filter and max-pools). On real CT it will mark "
                + "vessels seen end-on, and it misses nodules attached to the chest wall or with ground-glass density.");
        ObjectNode in = c.putObject("input");
        in.put("tensor", BlobDetectorGraph.INPUT);
        in.put("dimensionality", "3D");
        in.put("channels", 1);
        ints(in.putArray("patchSize"), PATCH, PATCH, PATCH);
        doubles(in.putArray("targetSpacingMm"), SPACING_MM, SPACING_MM, SPACING_MM);
        ObjectNode norm = in.putObject("normalisation");
        norm.put("type", "huWindow");
        norm.put("low", HU_LOW);
        norm.put("high", HU_HIGH);
        in.put("orientation", "native");
        in.put("spatialOrder", "zyx");
        in.put("maxBatch", 2);
        in.put("overlap", 0.25);
        in.put("paddingValue", -1024);
        ObjectNode out = c.putObject("output");
        out.put("tensor", BlobDetectorGraph.OUTPUT);
        out.put("kind", "probabilityMap");
        out.put("activation", "none");
        ObjectNode nodule = c.putArray("classes").addObject();
        nodule.put("name", "nodule");
        nodule.put("colour", "#FF5030");
        nodule.put("threshold", 0.5);
        c.put("defaultThreshold", 0.5);
        ArrayNode validation = c.putArray("validation");
        // Measured by DemoModelDetectionTest on generated phantoms; the test fails if the model falls below them.
        ObjectNode sensitivity = validation.addObject();
        sensitivity.put("metric", "sensitivity, nodules >= 6 mm, centre within radius + 3 mm");
        sensitivity.put("value", 1.0);
        sensitivity.put("dataset", "Lumen chest CT phantoms, 128x128x60, 2.8x2.8x2.5 mm, noise 10 HU, 4 nodules of 6-12 mm, seeds 1-3");
        sensitivity.put("note", "synthetic data only");
        ObjectNode fp = validation.addObject();
        fp.put("metric", "false positives per scan");
        fp.put("value", 0.0);
        fp.put("dataset", "the same phantoms");
        fp.put("note", "synthetic data only");
        return json.writeValueAsBytes(c);
    }

    /** Shared by the bundled demos' card writers. */
    static void ints(ArrayNode array, int... values) {
        for (int v : values) {
            array.add(v);
        }
    }

    static void doubles(ArrayNode array, double... values) {
        for (double v : values) {
            array.add(v);
        }
    }

    /** Writes only when the bytes differ, so a bundled model's file and its time stay put across starts. */
    static void writeIfDifferent(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        AtomicFiles.write(file, bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
