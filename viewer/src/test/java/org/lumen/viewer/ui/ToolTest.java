// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.viewport.ViewportState;

/** The one tool type: the viewer's tools by key, which of them measure, and a contributed tool among them. */
class ToolTest {

    @Test
    void eachToolKeyPicksItsToolAndOtherKeysNone() {
        assertThat(ViewportTool.forKey(KeyCode.B)).contains(ViewportTool.BROWSE);
        assertThat(ViewportTool.forKey(KeyCode.W)).contains(ViewportTool.WINDOW);
        assertThat(ViewportTool.forKey(KeyCode.P)).contains(ViewportTool.PAN);
        assertThat(ViewportTool.forKey(KeyCode.Z)).contains(ViewportTool.ZOOM);
        assertThat(ViewportTool.forKey(KeyCode.X)).contains(ViewportTool.CROSSHAIR);
        assertThat(ViewportTool.forKey(KeyCode.M)).contains(ViewportTool.LENGTH);
        assertThat(ViewportTool.forKey(KeyCode.A)).contains(ViewportTool.ANGLE);
        assertThat(ViewportTool.forKey(KeyCode.E)).contains(ViewportTool.ELLIPSE);
        assertThat(ViewportTool.forKey(KeyCode.T)).contains(ViewportTool.RECTANGLE);
        assertThat(ViewportTool.forKey(KeyCode.Q)).as("Q is the labelling brush's").isEmpty();
        assertThat(ViewportTool.forKey(KeyCode.DIGIT1)).as("digits are window presets").isEmpty();
        for (ViewportTool t : ViewportTool.values()) {
            assertThat(ViewportTool.forKey(t.key())).contains(t);
        }
        assertThat(Arrays.stream(ViewportTool.values()).map(ViewportTool::key).collect(Collectors.toSet()))
                .as("no two tools share a key").hasSize(ViewportTool.values().length);
    }

    @Test
    void theMeasuringToolsSaySoThemselves() {
        Set<ViewportTool> measuring = EnumSet.noneOf(ViewportTool.class);
        for (ViewportTool t : ViewportTool.values()) {
            if (t.measures()) {
                measuring.add(t);
            }
        }
        assertThat(measuring).containsExactlyInAnyOrder(ViewportTool.LENGTH, ViewportTool.ANGLE, ViewportTool.ELLIPSE,
                ViewportTool.RECTANGLE);
    }

    @Test
    void aContributedToolIsAToolThatDoesNotMeasure() {
        Tool brush = new PlaneTool() {
            @Override public String label() { return "Brush"; }

            @Override public void pressed(ViewportState view, double x, double y, MouseEvent event) { }

            @Override public void dragged(ViewportState view, double x, double y, MouseEvent event) { }

            @Override public void released(ViewportState view, double x, double y, MouseEvent event) { }
        };
        assertThat(brush.measures()).isFalse();
        assertThat(describe(brush)).isEqualTo("contributed: Brush");
        assertThat(describe(ViewportTool.LENGTH)).isEqualTo("the viewer's: Length, measures");
    }

    /** A switch over the sealed type: every tool is one of the two kinds. */
    private static String describe(Tool tool) {
        return switch (tool) {
            case ViewportTool v -> "the viewer's: " + v.label() + (v.measures() ? ", measures" : "");
            case PlaneTool p -> "contributed: " + p.label();
        };
    }
}
