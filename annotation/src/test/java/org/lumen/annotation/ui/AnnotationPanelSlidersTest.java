// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lumen.viewer.ui.ViewportContext;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every slider of the labelling panel shows its value beside it, before any change and after each. */
@ExtendWith(ApplicationExtension.class)
class AnnotationPanelSlidersTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private AnnotationPanel panel;

    @Start
    void start(Stage stage) {
        panel = new AnnotationPanel(new ViewportContext(pool));
        stage.setScene(new Scene(panel, 480, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void eachSliderShowsItsValueBesideIt() throws Exception {
        List<Slider> sliders = fx(() -> panel.lookupAll(".slider").stream().map(n -> (Slider) n).toList());
        assertThat(sliders).hasSize(2);
        for (Slider slider : sliders) {
            Label value = fx(() -> valueBeside(slider));
            String initial = fx(value::getText);
            assertThat(initial).as("shown before the slider moves").isNotBlank().containsPattern("[0-9]");
            fx(() -> {
                slider.setValue(slider.getMin() + (slider.getMax() - slider.getMin()) * 0.8);
                return null;
            });
            assertThat(fx(value::getText)).isNotEqualTo(initial).containsPattern("[0-9]");
        }
        assertThat(fx(() -> valueBeside(sliders.getLast()).getText())).isEqualTo("80%");
    }

    /** The node right after the slider in its row: its value label. */
    private static Label valueBeside(Slider slider) {
        List<Node> row = ((Pane) slider.getParent()).getChildren();
        return (Label) row.get(row.indexOf(slider) + 1);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }
}
