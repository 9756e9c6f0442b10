// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;

/** The viewport's key table: which key is which action, and what it leaves to tools, presets and the menus. */
class ViewportKeyTest {

    @Test
    void plainKeysMatchWithOrWithoutShiftAndCtrlKeysOnlyAlone() {
        assertThat(ViewportKey.of(key(KeyCode.R, false, false, false))).isEqualTo(ViewportKey.ROTATE);
        assertThat(ViewportKey.of(key(KeyCode.R, true, false, false))).isEqualTo(ViewportKey.ROTATE);
        assertThat(ViewportKey.of(key(KeyCode.NUMPAD0, false, false, false))).isEqualTo(ViewportKey.RESET);
        assertThat(ViewportKey.of(key(KeyCode.EQUALS, false, false, false))).isEqualTo(ViewportKey.CINE_FASTER);
        assertThat(ViewportKey.of(key(KeyCode.DIGIT2, false, true, false))).isEqualTo(ViewportKey.ROW_REFORMAT);
        // Ctrl+Shift+2 is the 1×2 layout (a menu's), Alt+2 a labelling class, R with Ctrl nobody's here.
        assertThat(ViewportKey.of(key(KeyCode.DIGIT2, true, true, false))).isNull();
        assertThat(ViewportKey.of(key(KeyCode.DIGIT2, false, false, true))).isNull();
        assertThat(ViewportKey.of(key(KeyCode.R, false, true, false))).isNull();
        // Digits 1–9 are presets and letters of tools: not in this table.
        assertThat(ViewportKey.of(key(KeyCode.DIGIT5, false, false, false))).isNull();
        assertThat(ViewportKey.of(key(KeyCode.B, false, false, false))).isNull();
    }

    @Test
    void noKeyIsBoundTwiceAcrossTheKeysAndTheTools() {
        Set<String> seen = new HashSet<>();
        for (ViewportKey k : ViewportKey.values()) {
            for (KeyCode code : KeyCode.values()) {
                if (ViewportKey.of(key(code, false, k.keys().startsWith("Ctrl"), false)) == k) {
                    assertThat(seen.add((k.keys().startsWith("Ctrl") ? "Ctrl+" : "") + code)).as("%s bound twice", code).isTrue();
                }
            }
        }
        for (ViewportTool t : ViewportTool.values()) {
            assertThat(seen.add(t.key().toString())).as("tool %s's key %s is also a viewport key", t, t.key()).isTrue();
            assertThat(ViewportKey.of(key(t.key(), false, false, false))).isNull();
        }
    }

    private static KeyEvent key(KeyCode code, boolean shift, boolean control, boolean alt) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, control, alt, false);
    }
}
