// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import javafx.scene.input.KeyCode;

/** What the left mouse button does in a viewport; the right button always sets window/level, the middle one pans. */
public enum ViewportTool implements Shortcut {
    BROWSE("Scroll", KeyCode.B),
    WINDOW("Window/level", KeyCode.W),
    PAN("Pan", KeyCode.P),
    ZOOM("Zoom", KeyCode.Z),
    CROSSHAIR("Crosshair", KeyCode.X),
    LENGTH("Length", KeyCode.M),
    ANGLE("Angle", KeyCode.A),
    ELLIPSE("Ellipse ROI", KeyCode.E),
    RECTANGLE("Rectangle ROI", KeyCode.T);

    private final String label;
    private final KeyCode key;

    ViewportTool(String label, KeyCode key) {
        this.label = label;
        this.key = key;
    }

    public String label() { return label; }

    /** The key that picks this tool. */
    public KeyCode key() { return key; }

    @Override public String keys() { return key.getName(); }

    @Override public String action() { return Character.toLowerCase(label.charAt(0)) + label.substring(1); }

    public boolean measures() {
        return ordinal() >= LENGTH.ordinal();
    }
}
