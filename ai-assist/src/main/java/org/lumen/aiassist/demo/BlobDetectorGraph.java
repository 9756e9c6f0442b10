// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.demo;

import java.util.List;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.OnnxModelBuilder.Attribute;
import org.lumen.aiassist.onnx.TensorType;

/**
 * The demo nodule detector as an ONNX graph of fixed-weight layers, no training involved:
 * <ol>
 *   <li>Gaussian smoothing at several scales as separable 1D convolutions (z, then y, then x; one
 *       channel per scale, depthwise), after edge-replicating padding so volume borders are no edges;</li>
 *   <li>scale-normalised differences of Gaussians (≈ −σ²∇²G, a Laplacian-of-Gaussian blob filter)
 *       as a 1×1×1 convolution, and the maximum over scales;</li>
 *   <li>a context gate: the fraction of dark (air/lung) voxels in a box around each voxel, so bright
 *       blobs count only when lung surrounds them, not along the chest wall or mediastinum;</li>
 *   <li>a separable max-pool that spreads each blob's score over its radius, a sigmoid, and masks of
 *       bright voxels that are themselves mostly surrounded by lung, so the probability map covers the
 *       blob itself and not the chest wall beside it.</li>
 * </ol>
 * Input and output are [N, 1, D, H, W] (D, H, W any size); the input is CT normalised from an HU
 * window to [0, 1]. Every weight comes from {@link StrictMath}, so the bytes are the same everywhere.
 */
public final class BlobDetectorGraph {

    /** Tensor names, as the card declares them. */
    public static final String INPUT = "image";
    public static final String OUTPUT = "nodule_probability";

    private final Design design;

    public BlobDetectorGraph(Design design) {
        this.design = design;
    }

    /**
     * The detector's parameters, in voxels of the model grid and normalised intensity.
     *
     * @param sigmas      Gaussian scales, increasing by a constant ratio
     * @param darkBelow   intensities below this count as lung or air for the context gate
     * @param boxRadius   half-width of the box the dark fraction is measured in
     * @param gateFrom    the dark fraction at which the gate starts to open
     * @param gateTo      the dark fraction at which it is fully open
     * @param poolRadius  half-width of the max-pool that spreads a blob's score over its body
     * @param brightFrom  intensities from here up count as blob tissue (mask ramps to 1 at brightTo)
     * @param keepFrom    a voxel keeps its probability from this dark fraction around it (ramps to 1 at keepTo)
     * @param slope       sigmoid slope on the gated blob response
     * @param offset      gated blob response at which the probability is 0.5
     */
    public record Design(double[] sigmas, double darkBelow, int boxRadius, double gateFrom, double gateTo,
                         int poolRadius, double brightFrom, double brightTo, double keepFrom, double keepTo,
                         double slope, double offset) {

        public double ratio() {
            return sigmas[1] / sigmas[0];
        }

        /** Half-length of the Gaussian kernels: three times the largest scale. */
        public int kernelRadius() {
            return (int) StrictMath.ceil(3 * sigmas[sigmas.length - 1]);
        }
    }

    public byte[] build(String producerVersion) {
        int scales = design.sigmas().length;
        int radius = design.kernelRadius();
        int k = 2 * radius + 1;
        float[] gauss = new float[scales * k];
        for (int s = 0; s < scales; s++) {
            double sigma = design.sigmas()[s];
            double sum = 0;
            for (int t = -radius; t <= radius; t++) {
                sum += StrictMath.exp(-(t * t) / (2 * sigma * sigma));
            }
            for (int t = -radius; t <= radius; t++) {
                gauss[s * k + t + radius] = (float) (StrictMath.exp(-(t * t) / (2 * sigma * sigma)) / sum);
            }
        }
        // DoG_s = (G_s - G_{s+1}) / (ratio - 1): bright blobs respond positively.
        float[] dog = new float[(scales - 1) * scales];
        float norm = (float) (1 / (design.ratio() - 1));
        for (int s = 0; s < scales - 1; s++) {
            dog[s * scales + s] = norm;
            dog[s * scales + s + 1] = -norm;
        }
        int box = 2 * design.boxRadius() + 1;
        float[] boxWeights = new float[box];
        java.util.Arrays.fill(boxWeights, (float) (1.0 / box));
        int pool = 2 * design.poolRadius() + 1;

        OnnxModelBuilder b = new OnnxModelBuilder("lumen_demo_blob_detector")
                .producer("Lumen", producerVersion)
                .doc("Lumen demo nodule detector: multi-scale difference-of-Gaussians blob filter with a lung-context "
                        + "gate, fixed weights. A demonstration, not for clinical use.")
                .metadata("lumen.demo", "true")
                .metadata("lumen.notForClinicalUse", "true")
                .input(INPUT, TensorType.FLOAT, "N", 1, "D", "H", "W")
                .output(OUTPUT, TensorType.FLOAT, "N", 1, "D", "H", "W")
                .initializer("gauss_z", new long[] {scales, 1, k, 1, 1}, gauss)
                .initializer("gauss_y", new long[] {scales, 1, 1, k, 1}, gauss)
                .initializer("gauss_x", new long[] {scales, 1, 1, 1, k}, gauss)
                .initializer("dog", new long[] {scales - 1, scales, 1, 1, 1}, dog)
                .initializer("box_z", new long[] {1, 1, box, 1, 1}, boxWeights)
                .initializer("box_y", new long[] {1, 1, 1, box, 1}, boxWeights)
                .initializer("box_x", new long[] {1, 1, 1, 1, box}, boxWeights)
                .initializer("pad_gauss", new long[] {10}, pads(radius))
                .initializer("pad_box", new long[] {10}, pads(design.boxRadius()))
                .initializer("pad_pool", new long[] {10}, pads(design.poolRadius()))
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("one", new long[] {}, new float[] {1})
                .initializer("dark_below", new long[] {}, new float[] {(float) design.darkBelow()})
                .initializer("dark_scale", new long[] {}, new float[] {4f / (float) design.darkBelow()})
                .initializer("gate_from", new long[] {}, new float[] {(float) design.gateFrom()})
                .initializer("gate_scale", new long[] {}, new float[] {(float) (1 / (design.gateTo() - design.gateFrom()))})
                .initializer("bright_from", new long[] {}, new float[] {(float) design.brightFrom()})
                .initializer("bright_scale", new long[] {}, new float[] {(float) (1 / (design.brightTo() - design.brightFrom()))})
                .initializer("keep_from", new long[] {}, new float[] {(float) design.keepFrom()})
                .initializer("keep_scale", new long[] {}, new float[] {(float) (1 / (design.keepTo() - design.keepFrom()))})
                .initializer("offset", new long[] {}, new float[] {(float) design.offset()})
                .initializer("slope", new long[] {}, new float[] {(float) design.slope()});

        // 1. Gaussians at every scale, separable and depthwise, on an edge-replicated border.
        b.node("Pad", List.of(INPUT, "pad_gauss"), List.of("x_padded"), Attribute.of("mode", "edge"));
        b.node("Conv", List.of("x_padded", "gauss_z"), List.of("g_z"), Attribute.ints("kernel_shape", k, 1, 1));
        b.node("Conv", List.of("g_z", "gauss_y"), List.of("g_zy"), Attribute.ints("kernel_shape", 1, k, 1),
                Attribute.of("group", (long) scales));
        b.node("Conv", List.of("g_zy", "gauss_x"), List.of("g"), Attribute.ints("kernel_shape", 1, 1, k),
                Attribute.of("group", (long) scales));
        // 2. Scale-normalised DoG and the strongest scale.
        b.node("Conv", List.of("g", "dog"), List.of("dogs"), Attribute.ints("kernel_shape", 1, 1, 1));
        b.node("ReduceMax", List.of("dogs"), List.of("blob"), Attribute.ints("axes", 1), Attribute.of("keepdims", 1L));
        // 3. Context: fraction of dark voxels around, as a ramp from gateFrom to gateTo.
        b.node("Sub", List.of("dark_below", INPUT), List.of("dark_margin"));
        b.node("Mul", List.of("dark_margin", "dark_scale"), List.of("dark_ramp"));
        b.node("Clip", List.of("dark_ramp", "zero", "one"), List.of("dark"));
        b.node("Pad", List.of("dark", "pad_box"), List.of("dark_padded"), Attribute.of("mode", "edge"));
        b.node("Conv", List.of("dark_padded", "box_z"), List.of("dark_z"), Attribute.ints("kernel_shape", box, 1, 1));
        b.node("Conv", List.of("dark_z", "box_y"), List.of("dark_zy"), Attribute.ints("kernel_shape", 1, box, 1));
        b.node("Conv", List.of("dark_zy", "box_x"), List.of("dark_fraction"), Attribute.ints("kernel_shape", 1, 1, box));
        b.node("Sub", List.of("dark_fraction", "gate_from"), List.of("gate_margin"));
        b.node("Mul", List.of("gate_margin", "gate_scale"), List.of("gate_ramp"));
        b.node("Clip", List.of("gate_ramp", "zero", "one"), List.of("gate"));
        b.node("Mul", List.of("blob", "gate"), List.of("gated"));
        // 4. Spread over the blob's radius, squash, and keep to bright tissue.
        b.node("Pad", List.of("gated", "pad_pool"), List.of("gated_padded"), Attribute.of("mode", "edge"));
        b.node("MaxPool", List.of("gated_padded"), List.of("pool_z"), Attribute.ints("kernel_shape", pool, 1, 1));
        b.node("MaxPool", List.of("pool_z"), List.of("pool_zy"), Attribute.ints("kernel_shape", 1, pool, 1));
        b.node("MaxPool", List.of("pool_zy"), List.of("pooled"), Attribute.ints("kernel_shape", 1, 1, pool));
        b.node("Sub", List.of("pooled", "offset"), List.of("logit_shift"));
        b.node("Mul", List.of("logit_shift", "slope"), List.of("logit"));
        b.node("Sigmoid", List.of("logit"), List.of("score"));
        b.node("Sub", List.of(INPUT, "bright_from"), List.of("bright_margin"));
        b.node("Mul", List.of("bright_margin", "bright_scale"), List.of("bright_ramp"));
        b.node("Clip", List.of("bright_ramp", "zero", "one"), List.of("bright"));
        b.node("Mul", List.of("score", "bright"), List.of("bright_score"));
        b.node("Sub", List.of("dark_fraction", "keep_from"), List.of("keep_margin"));
        b.node("Mul", List.of("keep_margin", "keep_scale"), List.of("keep_ramp"));
        b.node("Clip", List.of("keep_ramp", "zero", "one"), List.of("keep"));
        b.node("Mul", List.of("bright_score", "keep"), List.of(OUTPUT));
        return b.build();
    }

    /** Pad's pads input for [N, C, D, H, W]: nothing on N and C, {@code r} before and after each spatial axis. */
    private static long[] pads(int r) {
        return new long[] {0, 0, r, r, r, 0, 0, r, r, r};
    }
}
