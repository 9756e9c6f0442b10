// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.demo;

import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.OnnxModelBuilder.Attribute;
import org.lumen.aiassist.onnx.TensorType;

/**
 * A 2D multi-class blob detector as an ONNX graph of fixed weights, no training involved:
 * <ol>
 *   <li>a 1×1 convolution turns the input channels into feature maps in which the lesions are bright
 *       (the image itself for calcifications; one minus the green channel for the red lesions of the retina,
 *       dark in green; the green channel for bright exudates);</li>
 *   <li>each feature is smoothed by Gaussians at several scales (separable, depthwise, on an
 *       edge-replicated border);</li>
 *   <li>scale-normalised differences of neighbouring scales (≈ −σ²∇²G, a Laplacian-of-Gaussian blob
 *       filter) per class, only over the scales of that class's lesion size, and the maximum over them;</li>
 *   <li>a sigmoid per class: {@code 1 / (1 + exp(−slope·(response − offset)))}.</li>
 * </ol>
 * Input [N, C, H, W], output [N, K, H, W] (H, W any size). Weights come from {@link StrictMath}, so
 * the bytes are the same everywhere.
 */
public final class BlobDetector2DGraph {

    public static final String INPUT = "image";
    public static final String OUTPUT = "lesion_probability";

    /**
     * @param features  F rows of C channel weights and a bias: feature f = Σ_c weight[f][c]·x_c + bias[f]
     * @param sigmas    Gaussian scales in model pixels, increasing by a constant ratio
     * @param classes   one per output channel
     */
    public record Design(int channels, double[][] features, double[] bias, double[] sigmas, List<BlobClass> classes, FieldGate field,
                         BrightRegionGate brightRegion) {

        /** A design without a field-of-view gate. */
        public Design(int channels, double[][] features, double[] bias, double[] sigmas, List<BlobClass> classes) {
            this(channels, features, bias, sigmas, classes, null, null);
        }

        /** A design without a bright-region gate. */
        public Design(int channels, double[][] features, double[] bias, double[] sigmas, List<BlobClass> classes, FieldGate field) {
            this(channels, features, bias, sigmas, classes, field, null);
        }

        public double ratio() {
            return sigmas[1] / sigmas[0];
        }

        public int kernelRadius() {
            return (int) StrictMath.ceil(3 * sigmas[sigmas.length - 1]);
        }
    }

    /**
     * One output class: the feature it looks at, the range of scales of its lesions (indices into
     * the sigmas, the DoG of scales s and s+1 counting for s in [fromScale, toScale)), and its sigmoid.
     */
    public record BlobClass(String name, int feature, int fromScale, int toScale, double offset, double slope) { }

    /**
     * A field-of-view gate (a fundus photograph's bright disc on black): the brightness
     * {@code Σ weight[c]·x_c}, eroded by a {@code 2·erode+1} square (a minimum filter), ramps the
     * output from 0 at {@code from} to 1 at {@code to}, so the rim of the field gives no lesions.
     */
    public record FieldGate(double[] weights, int erode, double from, double to) { }

    /**
     * A gate that silences a large bright region (a fundus photograph's optic disc, whose rim and vessels look like
     * lesions): the brightness {@code Σ weight[c]·x_c}, averaged over a {@code 2·smooth+1} square (small bright lesions
     * vanish in it) and dilated by a {@code 2·dilate+1} square (a maximum filter, so the region's rim is covered too),
     * ramps the output from 1 at {@code from} down to 0 at {@code to}.
     */
    public record BrightRegionGate(double[] weights, int smooth, int dilate, double from, double to) { }

    private final Design design;

    public BlobDetector2DGraph(Design design) {
        this.design = design;
    }

    public byte[] build(String graphName, String producerVersion, String doc) {
        int c = design.channels();
        int f = design.features().length;
        int s = design.sigmas().length;
        int k = design.classes().size();
        int radius = design.kernelRadius();
        int width = 2 * radius + 1;
        float[] mix = new float[f * c];
        float[] bias = new float[f];
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < c; j++) {
                mix[i * c + j] = (float) design.features()[i][j];
            }
            bias[i] = (float) design.bias()[i];
        }
        // Gaussian kernels for every (feature, scale) channel: channel f·S + s.
        float[] gauss = new float[f * s * width];
        for (int i = 0; i < f; i++) {
            for (int sc = 0; sc < s; sc++) {
                double sigma = design.sigmas()[sc];
                double sum = 0;
                for (int t = -radius; t <= radius; t++) {
                    sum += StrictMath.exp(-(t * t) / (2 * sigma * sigma));
                }
                for (int t = -radius; t <= radius; t++) {
                    gauss[((i * s) + sc) * width + t + radius] = (float) (StrictMath.exp(-(t * t) / (2 * sigma * sigma)) / sum);
                }
            }
        }
        // DoG channel (scale sc, class cl) = sc·K + cl, from the class's feature at scales sc and sc+1.
        float[] dog = new float[(s - 1) * k * f * s];
        float norm = (float) (1 / (design.ratio() - 1));
        for (int sc = 0; sc < s - 1; sc++) {
            for (int cl = 0; cl < k; cl++) {
                BlobClass b = design.classes().get(cl);
                if (sc < b.fromScale() || sc >= b.toScale()) {
                    continue;
                }
                int out = sc * k + cl;
                dog[out * f * s + b.feature() * s + sc] = norm;
                dog[out * f * s + b.feature() * s + sc + 1] = -norm;
            }
        }
        float[] offsets = new float[k];
        float[] slopes = new float[k];
        for (int cl = 0; cl < k; cl++) {
            offsets[cl] = (float) design.classes().get(cl).offset();
            slopes[cl] = (float) design.classes().get(cl).slope();
        }
        OnnxModelBuilder b = new OnnxModelBuilder(graphName)
                .producer("Lumen", producerVersion)
                .doc(doc)
                .metadata("lumen.demo", "true")
                .metadata("lumen.notForClinicalUse", "true")
                .input(INPUT, TensorType.FLOAT, "N", c, "H", "W")
                .output(OUTPUT, TensorType.FLOAT, "N", k, "H", "W")
                .initializer("mix", new long[] {f, c, 1, 1}, mix)
                .initializer("mix_bias", new long[] {f}, bias)
                .initializer("gauss_y", new long[] {(long) f * s, 1, width, 1}, gauss)
                .initializer("gauss_x", new long[] {(long) f * s, 1, 1, width}, gauss)
                .initializer("dog", new long[] {(long) (s - 1) * k, (long) f * s, 1, 1}, dog)
                .initializer("pads", new long[] {8}, new long[] {0, 0, radius, radius, 0, 0, radius, radius})
                .initializer("offset", new long[] {1, k, 1, 1}, offsets)
                .initializer("slope", new long[] {1, k, 1, 1}, slopes)
                .initializer("slice_axes", new long[] {1}, new long[] {1});
        b.node("Conv", List.of(INPUT, "mix", "mix_bias"), List.of("features"), Attribute.ints("kernel_shape", 1, 1));
        b.node("Pad", List.of("features", "pads"), List.of("padded"), Attribute.of("mode", "edge"));
        // Each feature to S channels in the y pass (group = F), then each channel on its own (group = F·S).
        b.node("Conv", List.of("padded", "gauss_y"), List.of("g_y"), Attribute.ints("kernel_shape", width, 1),
                Attribute.of("group", (long) f));
        b.node("Conv", List.of("g_y", "gauss_x"), List.of("g"), Attribute.ints("kernel_shape", 1, width),
                Attribute.of("group", (long) f * s));
        b.node("Conv", List.of("g", "dog"), List.of("dogs"), Attribute.ints("kernel_shape", 1, 1));
        hessianGate(b, f, s, k);
        List<String> perScale = new ArrayList<>();
        for (int sc = 0; sc < s - 1; sc++) {
            String start = "start_" + sc;
            String end = "end_" + sc;
            b.initializer(start, new long[] {1}, new long[] {(long) sc * k});
            b.initializer(end, new long[] {1}, new long[] {(long) (sc + 1) * k});
            b.node("Slice", List.of("blobs", start, end, "slice_axes"), List.of("dog_" + sc));
            perScale.add("dog_" + sc);
        }
        if (perScale.size() == 1) {
            b.node("Identity", perScale, List.of("blob"));
        } else {
            b.node("Max", perScale, List.of("blob"));
        }
        b.node("Sub", List.of("blob", "offset"), List.of("shifted"));
        b.node("Mul", List.of("shifted", "slope"), List.of("logit"));
        FieldGate gate = design.field();
        BrightRegionGate bright = design.brightRegion();
        if (gate == null && bright == null) {
            b.node("Sigmoid", List.of("logit"), List.of(OUTPUT));
            return b.build();
        }
        b.node("Sigmoid", List.of("logit"), List.of("score"));
        String scored = "score";
        if (bright != null) {
            brightRegionGate(b, c, bright);
            scored = gate == null ? OUTPUT : "score_bright";
            b.node("Mul", List.of("score", "bright_gate"), List.of(scored));
        }
        if (gate == null) {
            return b.build();
        }
        float[] fieldWeights = new float[c];
        for (int j = 0; j < c; j++) {
            fieldWeights[j] = (float) gate.weights()[j];
        }
        int e = 2 * gate.erode() + 1;
        b.initializer("field_w", new long[] {1, c, 1, 1}, fieldWeights)
                .initializer("field_pads", new long[] {8}, new long[] {0, 0, gate.erode(), gate.erode(), 0, 0, gate.erode(), gate.erode()})
                .initializer("field_from", new long[] {}, new float[] {(float) gate.from()})
                .initializer("field_scale", new long[] {}, new float[] {(float) (1 / (gate.to() - gate.from()))})
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("one", new long[] {}, new float[] {1});
        b.node("Conv", List.of(INPUT, "field_w"), List.of("field"), Attribute.ints("kernel_shape", 1, 1));
        b.node("Neg", List.of("field"), List.of("field_neg"));
        b.node("Pad", List.of("field_neg", "field_pads"), List.of("field_neg_padded"), Attribute.of("mode", "edge"));
        b.node("MaxPool", List.of("field_neg_padded"), List.of("field_pool_y"), Attribute.ints("kernel_shape", e, 1));
        b.node("MaxPool", List.of("field_pool_y"), List.of("field_pool"), Attribute.ints("kernel_shape", 1, e));
        b.node("Neg", List.of("field_pool"), List.of("field_eroded"));
        b.node("Sub", List.of("field_eroded", "field_from"), List.of("field_margin"));
        b.node("Mul", List.of("field_margin", "field_scale"), List.of("field_ramp"));
        b.node("Clip", List.of("field_ramp", "zero", "one"), List.of("field_gate"));
        b.node("Mul", List.of(scored, "field_gate"), List.of(OUTPUT));
        return b.build();
    }

    /**
     * Lines and edges answer a difference of Gaussians too (a vessel is a ridge, a border a step), but only a blob
     * curves down in both directions. From each smoothed map the scale-normalised Hessian (σ²·Lxx, σ²·Lyy, σ²·Lxy,
     * central differences on an edge-replicated border) gives {@code 2·sqrt(max(0, det H))}: twice the geometric mean
     * of the two curvatures, as large as the Laplacian on a round blob, zero on a straight line or an edge (one
     * curvature is zero) and on a saddle (det &lt; 0). Each class's DoG channel is replaced by the smaller of the two
     * ("blobs"), so a response needs both the DoG's sign (bright, not dark) and curvature across and along.
     */
    private void hessianGate(OnnxModelBuilder b, int f, int s, int k) {
        float[] xx = new float[f * s * 9];
        float[] yy = new float[f * s * 9];
        float[] xy = new float[f * s * 9];
        for (int i = 0; i < f; i++) {
            for (int sc = 0; sc < s; sc++) {
                int ch = (i * s + sc) * 9;
                float s2 = (float) (design.sigmas()[sc] * design.sigmas()[sc]);
                // Kernels [dy + 1][dx + 1] as cross-correlations.
                xx[ch + 3] = s2;
                xx[ch + 4] = -2 * s2;
                xx[ch + 5] = s2;
                yy[ch + 1] = s2;
                yy[ch + 4] = -2 * s2;
                yy[ch + 7] = s2;
                xy[ch] = s2 / 4;
                xy[ch + 2] = -s2 / 4;
                xy[ch + 6] = -s2 / 4;
                xy[ch + 8] = s2 / 4;
            }
        }
        // The DoG of scales sc and sc+1 is compared with the Hessian of scale sc, for the class's feature.
        float[] pick = new float[(s - 1) * k * f * s];
        for (int sc = 0; sc < s - 1; sc++) {
            for (int cl = 0; cl < k; cl++) {
                BlobClass c = design.classes().get(cl);
                if (sc >= c.fromScale() && sc < c.toScale()) {
                    pick[(sc * k + cl) * f * s + c.feature() * s + sc] = 1;
                }
            }
        }
        long fs = (long) f * s;
        b.initializer("hess_xx", new long[] {fs, 1, 3, 3}, xx)
                .initializer("hess_yy", new long[] {fs, 1, 3, 3}, yy)
                .initializer("hess_xy", new long[] {fs, 1, 3, 3}, xy)
                .initializer("hess_pads", new long[] {8}, new long[] {0, 0, 1, 1, 0, 0, 1, 1})
                .initializer("hess_pick", new long[] {(long) (s - 1) * k, fs, 1, 1}, pick)
                .initializer("hess_zero", new long[] {}, new float[] {0})
                .initializer("hess_two", new long[] {}, new float[] {2});
        b.node("Pad", List.of("g", "hess_pads"), List.of("g_padded"), Attribute.of("mode", "edge"));
        for (String d : List.of("xx", "yy", "xy")) {
            b.node("Conv", List.of("g_padded", "hess_" + d), List.of("l_" + d), Attribute.ints("kernel_shape", 3, 3),
                    Attribute.of("group", fs));
        }
        b.node("Mul", List.of("l_xx", "l_yy"), List.of("l_xx_yy"));
        b.node("Mul", List.of("l_xy", "l_xy"), List.of("l_xy_2"));
        b.node("Sub", List.of("l_xx_yy", "l_xy_2"), List.of("det"));
        b.node("Max", List.of("det", "hess_zero"), List.of("det_pos"));
        b.node("Sqrt", List.of("det_pos"), List.of("det_root"));
        b.node("Mul", List.of("det_root", "hess_two"), List.of("curvature"));
        b.node("Conv", List.of("curvature", "hess_pick"), List.of("curvatures"), Attribute.ints("kernel_shape", 1, 1));
        b.node("Min", List.of("dogs", "curvatures"), List.of("blobs"));
    }

    /** Adds {@code bright_gate} [N, 1, H, W]: 1 away from the large bright region, 0 on it and its rim. */
    private static void brightRegionGate(OnnxModelBuilder b, int c, BrightRegionGate gate) {
        float[] weights = new float[c];
        for (int j = 0; j < c; j++) {
            weights[j] = (float) gate.weights()[j];
        }
        long pad = gate.smooth() + gate.dilate();
        long box = 2L * gate.smooth() + 1;
        long grow = 2L * gate.dilate() + 1;
        b.initializer("bright_w", new long[] {1, c, 1, 1}, weights)
                .initializer("bright_pads", new long[] {8}, new long[] {0, 0, pad, pad, 0, 0, pad, pad})
                .initializer("bright_from", new long[] {}, new float[] {(float) gate.from()})
                .initializer("bright_scale", new long[] {}, new float[] {(float) (1 / (gate.to() - gate.from()))})
                .initializer("bright_zero", new long[] {}, new float[] {0})
                .initializer("bright_one", new long[] {}, new float[] {1});
        b.node("Conv", List.of(INPUT, "bright_w"), List.of("bright"), Attribute.ints("kernel_shape", 1, 1));
        b.node("Pad", List.of("bright", "bright_pads"), List.of("bright_padded"), Attribute.of("mode", "edge"));
        // Separable box mean, then separable maximum: each pass shrinks the padded map back towards H × W.
        b.node("AveragePool", List.of("bright_padded"), List.of("bright_mean_y"), Attribute.ints("kernel_shape", box, 1));
        b.node("AveragePool", List.of("bright_mean_y"), List.of("bright_mean"), Attribute.ints("kernel_shape", 1, box));
        b.node("MaxPool", List.of("bright_mean"), List.of("bright_grown_y"), Attribute.ints("kernel_shape", grow, 1));
        b.node("MaxPool", List.of("bright_grown_y"), List.of("bright_grown"), Attribute.ints("kernel_shape", 1, grow));
        b.node("Sub", List.of("bright_grown", "bright_from"), List.of("bright_margin"));
        b.node("Mul", List.of("bright_margin", "bright_scale"), List.of("bright_ramp"));
        b.node("Clip", List.of("bright_ramp", "bright_zero", "bright_one"), List.of("bright_level"));
        b.node("Sub", List.of("bright_one", "bright_level"), List.of("bright_gate"));
    }
}
