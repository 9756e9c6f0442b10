// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.lumen.annotation.viewmodel.AnnotationViewModel.Tool;
import org.lumen.viewer.ui.Shortcut;

/**
 * The labelling keys (Labels tab): the one table {@link AnnotationPanel#handleKey} dispatches on, its tool
 * buttons name and the F1 sheet lists. Plain keys match only with Shift as given; Ctrl keys only as given.
 */
public enum LabellingKey implements Shortcut {
    BRUSH("Q", "brush", Modifiers.NONE, KeyCode.Q),
    ERASER("Shift+Q", "eraser", Modifiers.SHIFT, KeyCode.Q),
    THRESHOLD_BRUSH("J", "threshold brush", Modifiers.NONE, KeyCode.J),
    CONTOUR("K", "contour", Modifiers.NONE, KeyCode.K),
    FILL("G", "fill", Modifiers.NONE, KeyCode.G),
    SMALLER_BRUSH(",", "smaller brush", Modifiers.NONE, KeyCode.COMMA),
    BIGGER_BRUSH(".", "bigger brush", Modifiers.NONE, KeyCode.PERIOD),
    BOX("D", "box", Modifiers.NONE, KeyCode.D),
    LINE("Shift+D", "line", Modifiers.SHIFT, KeyCode.D),
    POINT("N", "point", Modifiers.NONE, KeyCode.N),
    DELETE_SHAPE("Delete", "removes the selected shape", Modifiers.ANY_SHIFT, KeyCode.DELETE, KeyCode.BACK_SPACE),
    CLASS("Alt+1..9", "class", Modifiers.ALT, KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
            KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9),
    UNDO("Ctrl+Z", "undo", Modifiers.SHORTCUT, KeyCode.Z),
    REDO("Ctrl+Shift+Z or Ctrl+Y", "redo", Modifiers.SHORTCUT_ANY_SHIFT, KeyCode.Z, KeyCode.Y);

    /** Which modifiers a key is pressed with. */
    private enum Modifiers { NONE, SHIFT, ANY_SHIFT, ALT, SHORTCUT, SHORTCUT_ANY_SHIFT }

    private final String keys;
    private final String action;
    private final Modifiers modifiers;
    private final List<KeyCode> codes;

    LabellingKey(String keys, String action, Modifiers modifiers, KeyCode... codes) {
        this.keys = keys;
        this.action = action;
        this.modifiers = modifiers;
        this.codes = List.of(codes);
    }

    @Override public String keys() { return keys; }

    @Override public String action() { return action; }

    /** The tool this key chooses, or null for the keys that are not a tool's. */
    Tool tool() {
        return switch (this) {
            case BRUSH -> Tool.BRUSH;
            case ERASER -> Tool.ERASER;
            case THRESHOLD_BRUSH -> Tool.THRESHOLD_BRUSH;
            case CONTOUR -> Tool.CONTOUR;
            case FILL -> Tool.FILL;
            case BOX -> Tool.BOX;
            case LINE -> Tool.LINE;
            case POINT -> Tool.POINT;
            default -> null;
        };
    }

    /** The key of a tool. */
    static LabellingKey of(Tool tool) {
        for (LabellingKey key : values()) {
            if (key.tool() == tool) {
                return key;
            }
        }
        throw new IllegalArgumentException("no key chooses " + tool);
    }

    /** What a tool button says, e.g. "Brush (Q)". */
    String buttonText() {
        return Character.toUpperCase(action.charAt(0)) + action.substring(1) + " (" + keys + ")";
    }

    /** The labelling key {@code e} is, or null (the viewport may still handle it). */
    static LabellingKey of(KeyEvent e) {
        for (LabellingKey key : values()) {
            if (key.codes.contains(e.getCode()) && key.modifiersMatch(e)) {
                return key;
            }
        }
        return null;
    }

    private boolean modifiersMatch(KeyEvent e) {
        boolean shortcut = e.isShortcutDown();
        boolean alt = e.isAltDown();
        return switch (modifiers) {
            case NONE -> !shortcut && !alt && !e.isShiftDown();
            case SHIFT -> !shortcut && !alt && e.isShiftDown();
            case ANY_SHIFT -> !shortcut && !alt;
            case ALT -> alt && !shortcut;
            // Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo.
            case SHORTCUT -> shortcut && !e.isShiftDown();
            case SHORTCUT_ANY_SHIFT -> shortcut && (e.getCode() == KeyCode.Y || e.isShiftDown());
        };
    }
}
