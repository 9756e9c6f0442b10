// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;

/** The labelling key table: Shift chooses the second tool of a key, Ctrl undoes and redoes, Alt picks a class. */
class LabellingKeyTest {

    @Test
    void eachKeyIsItsAction() {
        assertThat(LabellingKey.of(key(KeyCode.Q, false, false, false))).isEqualTo(LabellingKey.BRUSH);
        assertThat(LabellingKey.of(key(KeyCode.Q, true, false, false))).isEqualTo(LabellingKey.ERASER);
        assertThat(LabellingKey.of(key(KeyCode.D, true, false, false))).isEqualTo(LabellingKey.LINE);
        assertThat(LabellingKey.of(key(KeyCode.Z, false, true, false))).isEqualTo(LabellingKey.UNDO);
        assertThat(LabellingKey.of(key(KeyCode.Z, true, true, false))).isEqualTo(LabellingKey.REDO);
        assertThat(LabellingKey.of(key(KeyCode.Y, false, true, false))).isEqualTo(LabellingKey.REDO);
        assertThat(LabellingKey.of(key(KeyCode.DIGIT3, false, false, true))).isEqualTo(LabellingKey.CLASS);
        assertThat(LabellingKey.of(key(KeyCode.DELETE, false, false, false))).isEqualTo(LabellingKey.DELETE_SHAPE);
    }

    @Test
    void whatIsNotALabellingKeyGoesOnToTheViewer() {
        assertThat(LabellingKey.of(key(KeyCode.P, false, false, false))).as("P stays the viewer's pan").isNull();
        assertThat(LabellingKey.of(key(KeyCode.DIGIT3, false, false, false))).as("3 is a window preset").isNull();
        assertThat(LabellingKey.of(key(KeyCode.Y, false, false, false))).isNull();
        assertThat(LabellingKey.of(key(KeyCode.Q, false, true, false))).as("Ctrl+Q quits").isNull();
    }

    @Test
    void buttonsNameTheirKeys() {
        assertThat(LabellingKey.BRUSH.buttonText()).isEqualTo("Brush (Q)");
        assertThat(LabellingKey.LINE.buttonText()).isEqualTo("Line (Shift+D)");
    }

    private static KeyEvent key(KeyCode code, boolean shift, boolean control, boolean alt) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, control, alt, false);
    }
}
