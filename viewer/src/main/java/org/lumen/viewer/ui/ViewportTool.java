// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.Optional;
import javafx.scene.input.KeyCode;

/**
 * The viewer's own left-button tools (the right button always sets window/level, the middle one
 * pans), each with the key that picks it and whether it measures. Contributed tools are
 * {@link PlaneTool}s; both are a {@link Tool}.
 */
public enum ViewportTool implements Tool, Shortcut {
    BROWSE("Scroll", KeyCode.B, false),
    WINDOW("Window/level", KeyCode.W, false),
    PAN("Pan", KeyCode.P, false),
    ZOOM("Zoom", KeyCode.Z, false),
    CROSSHAIR("Crosshair", KeyCode.X, false),
    LENGTH("Length", KeyCode.M, true),
    ANGLE("Angle", KeyCode.A, true),
    ELLIPSE("Ellipse ROI", KeyCode.E, true),
    RECTANGLE("Rectangle ROI", KeyCode.T, true);

    private final String label;
    private final KeyCode key;
    private final boolean measures;

    ViewportTool(String label, KeyCode key, boolean measures) {
        this.label = label;
        this.key = key;
        this.measures = measures;
    }

    @Override public String label() { return label; }

    /** The key that picks this tool. */
    public KeyCode key() { return key; }

    @Override public String keys() { return key.getName(); }

    @Override public String action() { return Character.toLowerCase(label.charAt(0)) + label.substring(1); }

    @Override public boolean measures() { return measures; }

    /** The tool key {@code code} picks, if any. */
    public static Optional<ViewportTool> forKey(KeyCode code) {
        for (ViewportTool t : values()) {
            if (t.key == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
