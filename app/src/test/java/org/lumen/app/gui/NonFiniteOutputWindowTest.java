// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.TensorType;
import org.lumen.app.cli.ImageClassifierCommandTest;
import org.lumen.testdata.FundusSpec;
import org.lumen.testdata.PlanarPhantomResult;
import org.lumen.testdata.PlanarPhantoms;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The AI tab with a real ONNX classifier whose output is NaN (the log of −1), packaged as a site would package a photograph
 * classifier: the refusal's sentence (model, output, count) is shown in full in the tab's banner, where the reader looks for
 * the result, and in the status bar; no heatmap, box, finding or study row is shown, and no run is recorded in the catalog.
 */
class NonFiniteOutputWindowTest extends RealWindowTest {

    private static PlanarPhantomResult photo;
    private static Path model;

    @BeforeAll
    static void writePhotographAndModel() throws Exception {
        photo = PlanarPhantoms.writeFundus(root.resolve("fundus"), FundusSpec.defaults().withSize(256, 192).withGrade(0).withSeed(2));
        byte[] onnx = new OnnxModelBuilder("nan_logits")
                .input("x", TensorType.FLOAT, "N", 3, 224, 224)
                .output("p", TensorType.FLOAT, "N", 2)
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("minusOnes", new long[] {1, 2}, new float[] {-1, -1})
                .initializer("shape", new long[] {2}, new long[] {-1, 1})
                .node("ReduceMean", List.of("x"), List.of("m"), OnnxModelBuilder.Attribute.ints("axes", 1, 2, 3))
                .node("Reshape", List.of("m", "shape"), List.of("m2"))
                .node("Mul", List.of("m2", "zero"), List.of("nothing"))
                .node("Add", List.of("nothing", "minusOnes"), List.of("negative"))
                .node("Log", List.of("negative"), List.of("p")) // the log of −1: NaN
                .build();
        model = ImageClassifierCommandTest.writePackage(root.resolve("nan-classifier"), onnx,
                ImageClassifierCommandTest.photographClassifierCard("test-nan-logits", "NaN logits (test)", "normal", "abnormal"));
    }

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, photo.directory());
    }

    @Test
    void aModelReturningNaNIsRefusedInTheAiTabAndNothingIsDrawnOrRecorded(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        fx(() -> {
            window.side().getTabs().stream().filter(t -> t.getText().equals("AI")).findFirst().ifPresent(t -> window.side().select(t));
            return null;
        });
        WindowTests.runModel(window, model.toString());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !window.findingsPanel().intendedUseBanner().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();

        String sentence = "the model NaN logits (test) 1.0.0 returned 2 non-finite values (NaN) of 2 in its output \"p\", so its result"
                + " was refused: nothing was drawn, written or recorded as a run";
        assertThat(fx(() -> window.findingsPanel().intendedUseBanner())).isEqualTo("Running " + model + " failed: " + sentence);
        assertThat(fx(() -> window.status().getText())).endsWith(sentence);
        assertThat(fx(() -> window.findingsPanel().summaryText())).isEqualTo("No result.");

        assertThat(fx(() -> window.ai().result())).isNull();
        assertThat(fx(() -> window.ai().boxes())).isNull();
        assertThat(fx(() -> window.findingsPanel().findings())).isEmpty();
        assertThat(fx(() -> window.findingsPanel().studyRows())).isEmpty();
        String series = photo.groundTruth().seriesInstanceUid();
        assertThat(fx(() -> window.viewports().overlays().of(series))).noneMatch(l -> l.isHeatmap());
        assertThat(fx(() -> List.copyOf(window.viewports().decorations()))).noneMatch(d -> d instanceof org.lumen.aiassist.ui.FindingBoxLayer);

        // Whatever the catalog's lane had queued has run by the time this read does: no run, no finding recorded.
        var catalog = fx(() -> window.labelling().catalog());
        var counts = window.labelling().lane().submit(() -> catalog.counts()).get(30, TimeUnit.SECONDS);
        assertThat(counts.aiRuns()).as("AI runs recorded").isZero();
        assertThat(counts.findings()).isZero();
        assertThat(window.labelling().lane().submit(() -> catalog.aiRuns().runs(series)).get(30, TimeUnit.SECONDS)).isEmpty();

        Shots.take(window.scene(), root, "ai-tab-non-finite");
    }
}
