// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lumen.viewer.ui.HoverTooltips;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Tooltips of the window's first screen are made when the pointer first enters their control (ADR 0023:
 * each is a popup window with a scene of its own), then follow their text, and an empty text shows none.
 */
@ExtendWith(ApplicationExtension.class)
class HoverTooltipsTest {

    private final Label item = new Label("item");
    private final Label elsewhere = new Label("elsewhere");
    private final StringProperty text = new SimpleStringProperty("first text");

    @Start
    void start(Stage stage) {
        HoverTooltips.install(item, text);
        stage.setScene(new Scene(new VBox(40, elsewhere, item), 300, 200));
        stage.show();
    }

    @Test
    void theTooltipIsMadeOnTheFirstHoverAndFollowsItsText(FxRobot robot) throws Exception {
        assertThat(fx(item::getTooltip)).as("no tooltip before the pointer came").isNull();
        robot.moveTo(elsewhere).moveTo(item);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> item.getTooltip().getText())).isEqualTo("first text");

        fx(() -> {
            text.set("second text");
            return null;
        });
        assertThat(fx(() -> item.getTooltip().getText())).isEqualTo("second text");

        fx(() -> {
            text.set("");
            return null;
        });
        assertThat(fx(item::getTooltip)).as("an empty text shows no tooltip").isNull();

        fx(() -> {
            text.set("third text");
            return null;
        });
        assertThat(fx(() -> item.getTooltip().getText())).isEqualTo("third text");
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }
}
