// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.OnnxModelBuilder.Attribute;
import org.lumen.aiassist.onnx.TensorType;

/** Small real ONNX models and model packages for tests, written with Lumen's own ONNX writer. */
public final class TestModels {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TestModels() { }

    /** y = x, [N, 1, D, H, W] (any size). */
    public static byte[] identity3d() {
        return new OnnxModelBuilder("identity3d")
                .input("x", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .output("y", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .node("Identity", List.of("x"), List.of("y"))
                .build();
    }

    /** y = x for 2D slices, [N, 1, H, W]. */
    public static byte[] identity2d() {
        return new OnnxModelBuilder("identity2d")
                .input("x", TensorType.FLOAT, "N", 1, "H", "W")
                .output("y", TensorType.FLOAT, "N", 1, "H", "W")
                .node("Identity", List.of("x"), List.of("y"))
                .build();
    }

    /** y = 0·x + c: a constant map, to see that blending overlapping tiles changes nothing. */
    public static byte[] constant3d(float c) {
        return new OnnxModelBuilder("constant3d")
                .input("x", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .output("y", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("c", new long[] {}, new float[] {c})
                .node("Mul", List.of("x", "zero"), List.of("zeros"))
                .node("Add", List.of("zeros", "c"), List.of("y"))
                .build();
    }

    /** Two-channel logits [-s·x, s·x]: with a softmax, the foreground probability is sigmoid(2s·x). */
    public static byte[] twoClassLogits3d(float s) {
        return new OnnxModelBuilder("two_class")
                .input("x", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .output("logits", TensorType.FLOAT, "N", 2, "D", "H", "W")
                .initializer("s", new long[] {}, new float[] {s})
                .node("Mul", List.of("x", "s"), List.of("fg"))
                .node("Neg", List.of("fg"), List.of("bg"))
                .node("Concat", List.of("bg", "fg"), List.of("logits"), Attribute.of("axis", 1L))
                .build();
    }

    /**
     * A classifier whose one score is the mean of the input over the box [lo, hi) along every
     * spatial axis of a [N, 1, p, p, p] input: hide that box and the score drops.
     */
    public static byte[] regionMeanClassifier(int p, int lo, int hi) {
        return new OnnxModelBuilder("region_mean")
                .input("x", TensorType.FLOAT, "N", 1, p, p, p)
                .output("score", TensorType.FLOAT, "N", 1)
                .initializer("starts", new long[] {3}, new long[] {lo, lo, lo})
                .initializer("ends", new long[] {3}, new long[] {hi, hi, hi})
                .initializer("axes", new long[] {3}, new long[] {2, 3, 4})
                .node("Slice", List.of("x", "starts", "ends", "axes"), List.of("region"))
                .node("ReduceMean", List.of("region"), List.of("score"), Attribute.ints("axes", 2, 3, 4),
                        Attribute.of("keepdims", 0L))
                .build();
    }

    /**
     * A "detector" that reports one box per patch at its brightest voxel: score = that voxel's
     * value, class 0, centre (i, j, k) in patch voxels, size 4×4×4. Input [N, 1, p, p, p] (ZYX).
     */
    public static byte[] brightestVoxelDetector(int p) {
        long plane = (long) p * p;
        return new OnnxModelBuilder("brightest")
                .input("x", TensorType.FLOAT, "N", 1, p, p, p)
                .output("boxes", TensorType.FLOAT, "N", 1, 8)
                .initializer("flat_shape", new long[] {2}, new long[] {0, -1})
                .initializer("plane", new long[] {}, new long[] {plane})
                .initializer("row", new long[] {}, new long[] {p})
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("four", new long[] {}, new float[] {4})
                .initializer("out_shape", new long[] {3}, new long[] {0, 1, 8})
                .node("Reshape", List.of("x", "flat_shape"), List.of("flat"))
                .node("ArgMax", List.of("flat"), List.of("index"), Attribute.of("axis", 1L), Attribute.of("keepdims", 1L))
                .node("ReduceMax", List.of("flat"), List.of("score"), Attribute.ints("axes", 1), Attribute.of("keepdims", 1L))
                .node("Div", List.of("index", "plane"), List.of("k_int"))
                .node("Mod", List.of("index", "plane"), List.of("in_plane"))
                .node("Div", List.of("in_plane", "row"), List.of("j_int"))
                .node("Mod", List.of("in_plane", "row"), List.of("i_int"))
                .node("Cast", List.of("i_int"), List.of("i"), Attribute.of("to", (long) TensorType.FLOAT.code()))
                .node("Cast", List.of("j_int"), List.of("j"), Attribute.of("to", (long) TensorType.FLOAT.code()))
                .node("Cast", List.of("k_int"), List.of("k"), Attribute.of("to", (long) TensorType.FLOAT.code()))
                .node("Mul", List.of("score", "zero"), List.of("zeros"))
                .node("Add", List.of("zeros", "four"), List.of("size"))
                .node("Concat", List.of("score", "zeros", "i", "j", "k", "size", "size", "size"), List.of("row8"),
                        Attribute.of("axis", 1L))
                .node("Reshape", List.of("row8", "out_shape"), List.of("boxes"))
                .build();
    }

    /** y = log(0·x − 1), [N, 1, D, H, W]: the log of a negative number, NaN at every voxel of every input. */
    public static byte[] nanMap3d() {
        return new OnnxModelBuilder("nan_map")
                .input("x", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .output("y", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("one", new long[] {}, new float[] {1})
                .node("Mul", List.of("x", "zero"), List.of("zeros"))
                .node("Sub", List.of("zeros", "one"), List.of("minus_one"))
                .node("Log", List.of("minus_one"), List.of("y"))
                .build();
    }

    /**
     * A 3D detector of one fixed box per patch [N, 1, 8] (score 0.9, class 0, centre (4, 4, 4), size 4) whose centre x is
     * divided by zero: one infinite value per box.
     */
    public static byte[] infiniteBoxDetector(int p) {
        return new OnnxModelBuilder("infinite_box")
                .input("x", TensorType.FLOAT, "N", 1, p, p, p)
                .output("boxes", TensorType.FLOAT, "N", 1, 8)
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("box", new long[] {1, 1, 8}, new float[] {0.9f, 0, 4, 4, 4, 4, 4, 4})
                .initializer("divisor", new long[] {1, 1, 8}, new float[] {1, 1, 0, 1, 1, 1, 1, 1})
                .initializer("shape", new long[] {3}, new long[] {-1, 1, 1})
                .node("ReduceMean", List.of("x"), List.of("m"), Attribute.ints("axes", 1, 2, 3, 4))
                .node("Reshape", List.of("m", "shape"), List.of("m3"))
                .node("Mul", List.of("m3", "zero"), List.of("nothing"))
                .node("Add", List.of("nothing", "box"), List.of("boxes_finite"))
                .node("Div", List.of("boxes_finite", "divisor"), List.of("boxes"))
                .build();
    }

    /** A graph using an operator no runtime implements. */
    public static byte[] unknownOperator() {
        return new OnnxModelBuilder("unknown_op")
                .input("x", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .output("y", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .node("LumenFrobnicate", List.of("x"), List.of("y"))
                .build();
    }

    /** A complete card for a 3D probability-map model over tensors x → y, every required field set. */
    public static ObjectNode card(String id, int... patch) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id);
        c.put("name", "Test model " + id);
        c.put("version", "1.0.0");
        c.put("sha256", "0".repeat(64));
        c.put("file", "model.onnx");
        c.put("license", "Apache-2.0");
        c.put("intendedUse", "Tests.");
        c.put("notForClinicalUse", true);
        c.put("modality", "CT");
        c.put("bodyPart", "CHEST");
        ObjectNode in = c.putObject("input");
        in.put("tensor", "x");
        in.put("dimensionality", patch.length == 2 ? "2D" : "3D");
        in.put("channels", 1);
        ArrayNode p = in.putArray("patchSize");
        for (int v : patch) {
            p.add(v);
        }
        in.putNull("targetSpacingMm");
        ObjectNode norm = in.putObject("normalisation");
        norm.put("type", "huWindow");
        norm.put("low", -1000);
        norm.put("high", 1000);
        in.put("orientation", "native");
        in.put("maxBatch", 2);
        in.put("overlap", 0.25);
        ObjectNode out = c.putObject("output");
        out.put("tensor", "y");
        out.put("kind", "probabilityMap");
        out.put("activation", "none");
        c.putArray("classes").addObject().put("name", "finding").put("colour", "#FF0000");
        c.put("defaultThreshold", 0.5);
        c.putArray("validation");
        return c;
    }

    /** Writes model.onnx and model.json into {@code dir}, the card's sha256 set to the ONNX bytes'. */
    public static Path writePackage(Path dir, byte[] onnx, ObjectNode card) throws IOException {
        card.put("sha256", sha256(onnx));
        return writeRaw(dir, onnx, card);
    }

    /** Writes the files as given (the card's sha256 untouched). */
    public static Path writeRaw(Path dir, byte[] onnx, ObjectNode card) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(card.path("file").asText("model.onnx")), onnx);
        Files.write(dir.resolve("model.json"), JSON.writeValueAsBytes(card));
        return dir;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
