// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The side panel's workflow tabs join the scene when first shown (ADR 0023): the window's first CSS and
 * layout pass styles no hidden panel, and a tab brought to the front shows its content at once.
 */
@ExtendWith(ApplicationExtension.class)
class SidePanelTest {

    private SidePanel side;

    @Start
    void start(Stage stage) {
        side = new SidePanel();
        stage.setScene(new Scene(side, 400, 300));
        stage.show();
    }

    @Test
    void aTabsContentIsMadeWhenTheTabIsFirstShownAndOnlyOnce() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Label panel = new Label("findings");
        Tab tab = fx(() -> side.addTab("AI", () -> {
            made.incrementAndGet();
            return panel;
        }));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(made).as("made while hidden").hasValue(0);
        assertThat(fx(tab::getContent)).isNull();

        fx(() -> {
            side.select(tab);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(made).hasValue(1);
        assertThat(fx(tab::getContent)).isSameAs(panel);
        assertThat(fx(() -> panel.getScene() == side.getScene() && panel.isVisible())).isTrue();

        // Away and back: the same content, not made again.
        fx(() -> {
            side.showProblems();
            side.select(tab);
            return null;
        });
        assertThat(made).hasValue(1);
        assertThat(fx(tab::getContent)).isSameAs(panel);
    }

    @Test
    void aPanelMadeBeforeHandJoinsTheSceneWhenItsTabIsChosenByTheUser() throws Exception {
        Label labels = new Label("labels");
        Tab tab = fx(() -> side.addTab("Labels", labels));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(labels::getScene)).as("a hidden tab's panel is not in the scene").isNull();

        fx(() -> {
            side.getSelectionModel().select(tab);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(labels::getScene)).isSameAs(fx(side::getScene));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }
}
