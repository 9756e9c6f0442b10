// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.ImageDemoModels;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.model.OutsideIntendedUseException;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.TensorType;
import org.lumen.aiassist.pipeline.TilePlan;
import org.lumen.aiassist.runtime.NonFiniteOutputException;
import org.lumen.aiassist.testing.TestModels;
import org.lumen.task.TaskContext;

/** The 2D pipeline on images made here: tiling, seamless blending, mapping back through flip and resize, refusals, classifiers. */
class ImagePipelineTest {

    @TempDir
    Path tmp;

    /** The mammography demo's card and graph, with the card changed by {@code edit}. */
    ModelPackage mammoWith(String name, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode card = (ObjectNode) TestModels.JSON.readTree(ImageDemoModels.card(ImageDemoModels.MAMMO, "0".repeat(64)));
        edit.accept(card);
        TestModels.writePackage(tmp.resolve(name), ImageDemoModels.onnx(ImageDemoModels.MAMMO), card);
        return new ModelPackageReader(tmp.resolve("unpacked")).read(tmp.resolve(name));
    }

    @Test
    void tilesCoverEveryPixelOfALargeMammogram() throws Exception {
        ModelPackage pkg = mammoWith("m", c -> { });
        ImageInput big = new ImageInput(new ArrayImage(4664, 3064, new float[4664 * 3064]),
                Synthetic.facts("big", "MG", 4664, 3064, false, "L", "CC"));
        ImagePipeline.Canvas canvas = ImagePipeline.canvas(big, pkg.card());
        boolean[] covered = new boolean[4664 * 3064];
        for (TilePlan.Tile t : canvas.plan().tiles()) {
            for (int y = t.y(); y < Math.min(3064, t.y() + 512); y++) {
                java.util.Arrays.fill(covered, y * 4664 + t.x(), y * 4664 + Math.min(4664, t.x() + 512), true);
            }
        }
        for (boolean c : covered) {
            assertThat(c).isTrue();
        }
        assertThat(canvas.plan().tileCount()).isEqualTo(11 * 7);
    }

    @Test
    void aTiledHeatmapEqualsAWholeImageRunAcrossTileBorders() throws Exception {
        ModelPackage tiled = mammoWith("tiled", c -> ((ObjectNode) c.get("input")).putArray("patchSize").add(256).add(256));
        ModelPackage whole = mammoWith("whole", c -> ((ObjectNode) c.get("input")).putArray("patchSize").add(1024).add(1024));
        int w = 700;
        int h = 520;
        float[] v = Synthetic.grey(w, h, 3, 20, new double[] {250, 250, 1.5, 250}, new double[] {230, 240, 1.2, 250},
                new double[] {480, 300, 2, 250});
        ImageInput input = new ImageInput(new ArrayImage(w, h, v), Synthetic.facts("s", "MG", w, h, false, "L", "CC"));
        ImageResult a = new ImageInferenceEngine().run(List.of(input), tiled, ImageRequest.defaults(), TaskContext.none()).images().getFirst();
        ImageResult b = new ImageInferenceEngine().run(List.of(input), whole, ImageRequest.defaults(), TaskContext.none()).images().getFirst();
        assertThat(a.tiles()).isGreaterThan(4);
        assertThat(b.tiles()).isEqualTo(1);
        float worst = 0;
        Heatmap2D ha = a.heatmaps().getFirst();
        Heatmap2D hb = b.heatmaps().getFirst();
        for (int i = 0; i < ha.values().length; i++) {
            worst = Math.max(worst, Math.abs(ha.values()[i] - hb.values()[i]));
        }
        // The blob at (480, 300) lies on a 256 px tile's edge; its flank there (p ≈ 0.15-0.3) differs by up to 0.04 since
        // the demo's curvature cap (a square root of the Hessian determinant) reacts to the edge-replicated border more
        // than a difference of Gaussians alone did (0.02); the findings are the same.
        assertThat(worst).isLessThan(0.05f);
        assertThat(a.findings()).hasSameSizeAs(b.findings()).hasSize(3);
    }

    @Test
    void findingsMapBackThroughAFlipAndALetterbox() throws Exception {
        ModelPackage pkg = mammoWith("lb", c -> {
            ((ObjectNode) c.get("input")).putArray("patchSize").add(512).add(512);
            ((ObjectNode) c.get("image")).put("fit", "letterbox").put("downsample", 1);
        });
        int w = 1000;
        int h = 700;
        // Breast tissue (bright) on the right: the chest wall is on the right, so the model sees the image flipped.
        float[] v = Synthetic.grey(w, h, 5, 10, new double[] {300, 200, 4, 600});
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] += x > w / 2 ? 400 : 0;
            }
        }
        ImageInput input = new ImageInput(new ArrayImage(w, h, v), Synthetic.facts("f", "MG", w, h, false, "R", "MLO"));
        ImageResult r = new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none()).images().getFirst();
        assertThat(r.transform()).startsWith("flipped left-right");
        ImageFinding best = r.findings().getFirst();
        assertThat(best.centerPx()[0]).isCloseTo(300, within(3.0));
        assertThat(best.centerPx()[1]).isCloseTo(200, within(3.0));
        assertThat(best.boxPx()[0]).isLessThan(300);
        assertThat(best.boxPx()[2]).isGreaterThan(300);
        assertThat(r.heatmaps().getFirst().step()).isEqualTo(1);
    }

    @Test
    void aDetectorsNaNScoreIsRefusedAndNothingIsReturned() throws Exception {
        ObjectNode c = planarCard("nan-boxes", "detection");
        TestModels.writePackage(tmp.resolve("nandet"), nanScoreDetector(), c);
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("unpacked")).read(tmp.resolve("nandet"));
        ImageInput input = new ImageInput(new ArrayImage(200, 100, new float[200 * 100]), Synthetic.facts("n", "MG", 200, 100, false, "R", "CC"));

        assertThatThrownBy(() -> new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none()))
                .isInstanceOf(NonFiniteOutputException.class)
                .hasMessage("the model Test model nan-boxes 1.0.0 returned 1 non-finite value (NaN) of 8 in its output \"y\", so its"
                        + " result was refused: nothing was drawn, written or recorded as a run");
    }

    @Test
    void aClassifiersInfiniteLogitsAreRefused() throws Exception {
        ObjectNode c = planarCard("inf-logits", "classification");
        c.putArray("classes").add("normal").add("abnormal");
        TestModels.writePackage(tmp.resolve("inflogits"), infiniteLogitsClassifier(), c);
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("unpacked")).read(tmp.resolve("inflogits"));
        ImageInput input = new ImageInput(new ArrayImage(64, 64, new float[64 * 64]), Synthetic.facts("i", "MG", 64, 64, false, "L", "CC"));

        assertThatThrownBy(() -> new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none()))
                .isInstanceOf(NonFiniteOutputException.class)
                .hasMessage("the model Test model inf-logits 1.0.0 returned 2 non-finite values (infinite) of 2 in its output \"y\", so"
                        + " its result was refused: nothing was drawn, written or recorded as a run");
    }

    /** A grey 64×64 mammography card of the given output kind, as {@link #aDetectorsBoxMapsBackThroughLetterboxAndFlip} builds. */
    private static ObjectNode planarCard(String id, String kind) {
        ObjectNode c = TestModels.card(id, 64, 64);
        c.put("modality", "MG");
        ObjectNode in = (ObjectNode) c.get("input");
        in.remove("normalisation");
        ObjectNode image = c.putObject("image");
        image.put("colour", "grey").put("fit", "letterbox");
        image.putObject("normalisation").put("type", "window").put("low", 0).put("high", 100);
        ((ObjectNode) c.get("output")).put("kind", kind);
        return c;
    }

    /** {@link #fixedBoxDetector()} whose score is 0/0: one NaN per box. */
    static byte[] nanScoreDetector() {
        return new OnnxModelBuilder("nan_box")
                .input("x", TensorType.FLOAT, "N", 1, 64, 64)
                .output("y", TensorType.FLOAT, "N", 1, 8)
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("box", new long[] {1, 1, 8}, new float[] {0, 0, 10, 20, 0, 6, 4, 0})
                .initializer("divisor", new long[] {1, 1, 8}, new float[] {0, 1, 1, 1, 1, 1, 1, 1})
                .initializer("shape", new long[] {3}, new long[] {-1, 1, 1})
                .node("ReduceMean", List.of("x"), List.of("m"), OnnxModelBuilder.Attribute.ints("axes", 1, 2, 3))
                .node("Reshape", List.of("m", "shape"), List.of("m3"))
                .node("Mul", List.of("m3", "zero"), List.of("nothing"))
                .node("Add", List.of("nothing", "box"), List.of("finite"))
                .node("Div", List.of("finite", "divisor"), List.of("y"))
                .build();
    }

    /** Two logits [1/0, −1/0] for every 64×64 input: +∞ and −∞. */
    static byte[] infiniteLogitsClassifier() {
        return new OnnxModelBuilder("inf_logits")
                .input("x", TensorType.FLOAT, "N", 1, 64, 64)
                .output("y", TensorType.FLOAT, "N", 2)
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("signs", new long[] {1, 2}, new float[] {1, -1})
                .initializer("shape", new long[] {2}, new long[] {-1, 1})
                .node("ReduceMean", List.of("x"), List.of("m"), OnnxModelBuilder.Attribute.ints("axes", 1, 2, 3))
                .node("Reshape", List.of("m", "shape"), List.of("m2"))
                .node("Mul", List.of("m2", "zero"), List.of("nothing"))
                .node("Add", List.of("nothing", "signs"), List.of("finite"))
                .node("Div", List.of("finite", "zero"), List.of("y"))
                .build();
    }

    /** A detector built here that reports one fixed box on every 64×64 input: score 0.9, class 0, centre (10, 20), size 6×4 px. */
    static byte[] fixedBoxDetector() {
        return new OnnxModelBuilder("fixed_box")
                .input("x", TensorType.FLOAT, "N", 1, 64, 64)
                .output("y", TensorType.FLOAT, "N", 1, 8)
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("box", new long[] {1, 1, 8}, new float[] {0.9f, 0, 10, 20, 0, 6, 4, 0})
                .initializer("shape", new long[] {3}, new long[] {-1, 1, 1})
                .node("ReduceMean", List.of("x"), List.of("m"), OnnxModelBuilder.Attribute.ints("axes", 1, 2, 3))
                .node("Reshape", List.of("m", "shape"), List.of("m3"))
                .node("Mul", List.of("m3", "zero"), List.of("nothing"))
                .node("Add", List.of("nothing", "box"), List.of("y"))
                .build();
    }

    @Test
    void aDetectorsBoxMapsBackThroughLetterboxAndFlip() throws Exception {
        ObjectNode c = TestModels.card("boxes", 64, 64);
        c.put("modality", "MG");
        ObjectNode in = (ObjectNode) c.get("input");
        in.remove("normalisation");
        ObjectNode image = c.putObject("image");
        image.put("colour", "grey").put("fit", "letterbox").put("orient", "chestWallLeft");
        image.putObject("normalisation").put("type", "window").put("low", 0).put("high", 100);
        ((ObjectNode) c.get("output")).put("kind", "detection");
        TestModels.writePackage(tmp.resolve("det"), fixedBoxDetector(), c);
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("unpacked")).read(tmp.resolve("det"));
        int w = 200;
        int h = 100;
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 150; x < w; x++) {
                v[y * w + x] = 80; // tissue on the right: the chest wall is on the right, so the model sees the image flipped
            }
        }
        ImageInput input = new ImageInput(new ArrayImage(w, h, v), Synthetic.facts("d", "MG", w, h, false, "R", "CC"));
        ImageResult r = new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none()).images().getFirst();
        assertThat(r.findings()).hasSize(1);
        ImageFinding f = r.findings().getFirst();
        // Worked by hand: scale 64/200 = 0.32, bars of (64 - 32) / 2 = 16 rows above; canvas u ↦ x' = (u + 0.5) / 0.32 − 0.5, then x = 199 − x'.
        double s = 0.32;
        assertThat(f.centerPx()[0]).isCloseTo(199 - ((10 + 0.5) / s - 0.5), within(1e-6));
        assertThat(f.centerPx()[1]).isCloseTo((20 - 16 + 0.5) / s - 0.5, within(1e-6));
        assertThat(f.boxPx()).containsExactly(new double[] {199 - ((13 + 0.5) / s - 0.5), (18 - 16 + 0.5) / s - 0.5,
                199 - ((7 + 0.5) / s - 0.5), (22 - 16 + 0.5) / s - 0.5}, within(1e-6));
        assertThat(f.score()).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void transformsGoThereAndBack() {
        ImageTransform t = new ImageTransform(1000, 700, true, 0.512, 0.512, 0, (512 - 700 * 0.512) / 2, 512, 512);
        assertThat(t.toImageX(t.toCanvasX(123.4))).isCloseTo(123.4, within(1e-9));
        assertThat(t.toImageY(t.toCanvasY(456.7))).isCloseTo(456.7, within(1e-9));
        assertThat(t.toCanvasX(999)).isCloseTo(0.512 / 2 - 0.5, within(1e-9));
        double[] box = t.boxToImage(10, 20, 30, 40);
        assertThat(box[0]).isLessThan(box[2]);
        assertThat(box[2]).isCloseTo(t.toImageX(10), within(1e-9));
    }

    @Test
    void anImageTheModelIsNotMadeForIsRefusedWithItsReasons() throws Exception {
        ModelPackage pkg = mammoWith("r", c -> { });
        ImageInput chest = new ImageInput(new ArrayImage(64, 64, new float[64 * 64]), new ImageFacts("1.2.3", 0, "DX",
                "1.2.840.10008.5.1.4.1.1.1.1", "MONOCHROME2", 1, null, "PA", null, "CHEST", null, null, 64, 64));
        assertThatThrownBy(() -> new ImageInferenceEngine().run(List.of(chest), pkg, ImageRequest.defaults(), TaskContext.none()))
                .isInstanceOf(OutsideIntendedUseException.class)
                .hasMessage(pkg.card().name() + " (lumen-demo-mammo-calcifications) is not meant for image 1.2.3: its modality is DX; "
                        + "the model is for MG; its Body Part Examined is CHEST (the chest); the model is for the breast; "
                        + "its View Position is PA; the model is for view CC or MLO");
        ImageInput colour = new ImageInput(ArrayImage.ofArgb(8, 8, new int[64]), new ImageFacts("1.2.4", 0, "MG", null, "RGB", 3, "L", "CC",
                null, null, null, null, 8, 8));
        assertThatThrownBy(() -> new ImageInferenceEngine().run(List.of(colour), pkg, ImageRequest.defaults(), TaskContext.none()))
                .hasMessageEndingWith("is not meant for image 1.2.4: it is a colour image (RGB); the model reads greyscale images");
    }

    /**
     * A small classifier built here: green above 0.5 (Conv 1×1, Sub, Relu), its mean (GlobalAveragePool),
     * two logits (Flatten, Gemm) and Softmax over 3×224×224: "lesion" when enough of the image is bright green.
     */
    static byte[] greenSpotClassifier() {
        return new OnnxModelBuilder("green_spot_classifier")
                .input("x", TensorType.FLOAT, "N", 3, 224, 224)
                .output("p", TensorType.FLOAT, "N", 2)
                .initializer("w", new long[] {1, 3, 1, 1}, new float[] {0, 1, 0})
                .initializer("half", new long[] {}, new float[] {0.5f})
                .initializer("gemm_w", new long[] {1, 2}, new float[] {-200, 200})
                .initializer("gemm_b", new long[] {2}, new float[] {1, -1})
                .node("Conv", List.of("x", "w"), List.of("g"), OnnxModelBuilder.Attribute.ints("kernel_shape", 1, 1))
                .node("Sub", List.of("g", "half"), List.of("g_shift"))
                .node("Relu", List.of("g_shift"), List.of("bright"))
                .node("GlobalAveragePool", List.of("bright"), List.of("mean"))
                .node("Flatten", List.of("mean"), List.of("flat"))
                .node("Gemm", List.of("flat", "gemm_w", "gemm_b"), List.of("logits"))
                .node("Softmax", List.of("logits"), List.of("p"), OnnxModelBuilder.Attribute.of("axis", 1L))
                .build();
    }

    ModelPackage classifier() throws Exception {
        TestModels.writePackage(tmp.resolve("cls"), greenSpotClassifier(), classifierCard());
        return new ModelPackageReader(tmp.resolve("unpacked")).read(tmp.resolve("cls"));
    }

    /** The card of {@link #greenSpotClassifier()}: RGB letterboxed to 224, /255, ordinal classes normal and lesion. */
    static ObjectNode classifierCard() {
        ObjectNode c = TestModels.card("green-spot", 224, 224);
        c.put("modality", "XC");
        ObjectNode in = (ObjectNode) c.get("input");
        in.remove("normalisation");
        in.put("channels", 3);
        in.put("maxBatch", 8);
        ObjectNode image = c.putObject("image");
        image.put("colour", "rgb");
        image.put("fit", "letterbox");
        ObjectNode n = image.putObject("normalisation");
        n.put("type", "channelMeanStd");
        n.put("scale", 1 / 255.0);
        n.putArray("mean").add(0).add(0).add(0);
        n.putArray("std").add(1).add(1).add(1);
        image.put("ordinal", true);
        ObjectNode out = (ObjectNode) c.get("output");
        out.put("tensor", "p");
        out.put("kind", "classification");
        c.putArray("classes").add("normal").add("lesion");
        return c;
    }

    static ImageInput spotPhoto(String uid, String laterality, boolean spot) {
        int w = 300;
        int h = 200;
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = spot && x >= 200 && x < 250 && y >= 60 && y < 110;
                argb[y * w + x] = in ? 0xFF20F020 : 0xFF804020;
            }
        }
        return new ImageInput(ArrayImage.ofArgb(w, h, argb), Synthetic.facts(uid, "XC", w, h, true, laterality, null));
    }

    @Test
    void aClassifierRunsThroughOnnxRuntimeAndIsExplainedByOcclusionAndRise() throws Exception {
        ModelPackage pkg = classifier();
        ImageInferenceEngine engine = new ImageInferenceEngine();
        StudyResult occluded = engine.run(List.of(spotPhoto("a", "L", true), spotPhoto("b", "R", false)), pkg,
                ImageRequest.defaults().withExplain(ImageRequest.Explain.OCCLUSION), TaskContext.none());
        ImageResult withSpot = occluded.images().getFirst();
        assertThat(withSpot.topClass().orElseThrow().label()).isEqualTo("lesion");
        assertThat(withSpot.topClass().orElseThrow().score()).isGreaterThan(0.9);
        assertThat(occluded.images().get(1).topClass().orElseThrow().label()).isEqualTo("normal");
        // Ordinal classes: the study takes the worse image; each image's contribution is kept.
        assertThat(occluded.label()).isEqualTo("lesion");
        assertThat(occluded.contributions()).extracting(StudyResult.Contribution::label).containsExactly("lesion", "normal");
        double[] peak = withSpot.explanation().map().peakPx();
        assertThat(peak[0]).isBetween(195.0, 255.0);
        assertThat(peak[1]).isBetween(55.0, 115.0);
        assertThat(withSpot.explanation().method()).isEqualTo("occlusion");
        assertThat(withSpot.explanation().nanos()).isPositive();

        ImageResult rise = engine.run(List.of(spotPhoto("a", "L", true)), pkg, ImageRequest.defaults().withExplain(ImageRequest.Explain.RISE),
                TaskContext.none()).images().getFirst();
        Heatmap2D map = rise.explanation().map();
        assertThat(map.kind()).isEqualTo(Heatmap2D.RISE);
        double inside = mean(map, 205, 245, 65, 105);
        double outside = mean(map, 20, 120, 20, 180);
        assertThat(inside).isGreaterThan(outside * 1.2);
    }

    @Test
    void anExplanationCanBeCancelled() throws Exception {
        ModelPackage pkg = classifier();
        TaskContext cancelled = new TaskContext() {
            @Override public void progress(long done, long total) { }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() { return true; }
        };
        try (var session = org.lumen.aiassist.runtime.InferenceSession.open(pkg.onnxFile(), org.lumen.aiassist.runtime.DeviceRequest.CPU)) {
            assertThatThrownBy(() -> ImageExplainer.rise(spotPhoto("a", "L", true), pkg, session, 1, ImageExplainer.RiseOptions.DEFAULT,
                    cancelled)).isInstanceOf(org.lumen.task.TaskCancelledException.class);
        }
    }

    static double mean(Heatmap2D m, int x0, int x1, int y0, int y1) {
        double s = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                s += m.at(x, y);
                n++;
            }
        }
        return s / n;
    }
}
