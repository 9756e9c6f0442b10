// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The keys a viewport handles itself (besides its tools, {@link ViewportTool}, and the window presets on
 * 1–9): the one table {@code ViewportInput} dispatches on and the F1 sheet lists. Plain keys match with
 * or without Shift (Shift chooses the other direction where an action has two); Ctrl keys match only
 * without Shift and Alt.
 */
public enum ViewportKey implements Shortcut {
    SCROLL_BACK("↑ ←", "previous plane", false, KeyCode.UP, KeyCode.LEFT),
    SCROLL_ON("↓ →", "next plane", false, KeyCode.DOWN, KeyCode.RIGHT),
    PAGE_BACK("PgUp", "10 planes back", false, KeyCode.PAGE_UP),
    PAGE_ON("PgDn", "10 planes on", false, KeyCode.PAGE_DOWN),
    FIRST("Home", "first plane", false, KeyCode.HOME),
    LAST("End", "last plane", false, KeyCode.END),
    INVERT("I", "invert", false, KeyCode.I),
    OVERLAYS("H", "overlays on/off", false, KeyCode.H),
    FIT("F", "fit", false, KeyCode.F),
    ONE_TO_ONE("O", "one-to-one", false, KeyCode.O),
    RESET("0", "reset view", false, KeyCode.DIGIT0, KeyCode.NUMPAD0),
    ROTATE("R / Shift+R", "rotate 90° clockwise / anticlockwise", false, KeyCode.R),
    FLIP_HORIZONTALLY("[", "flip horizontally", false, KeyCode.OPEN_BRACKET),
    FLIP_VERTICALLY("]", "flip vertically", false, KeyCode.CLOSE_BRACKET),
    CINE("C", "cine on/off", false, KeyCode.C),
    CINE_FASTER("+", "cine faster", false, KeyCode.PLUS, KeyCode.ADD, KeyCode.EQUALS),
    CINE_SLOWER("-", "cine slower", false, KeyCode.MINUS, KeyCode.SUBTRACT),
    SLAB("S / Shift+S", "MIP slab thicker / thinner", false, KeyCode.S),
    HEATMAPS("V", "heatmaps on/off", false, KeyCode.V),
    LABELS("L", "labels on/off", false, KeyCode.L),
    DELETE_LAST("Delete", "removes the last measurement", false, KeyCode.DELETE, KeyCode.BACK_SPACE),
    CANCEL("Esc", "cancels what is being drawn", false, KeyCode.ESCAPE),
    STORED_SLICES("Ctrl+1", "stored slices", true, KeyCode.DIGIT1),
    ROW_REFORMAT("Ctrl+2", "row reformat", true, KeyCode.DIGIT2),
    COLUMN_REFORMAT("Ctrl+3", "column reformat", true, KeyCode.DIGIT3);

    private final String keys;
    private final String action;
    private final boolean shortcut;
    private final List<KeyCode> codes;

    ViewportKey(String keys, String action, boolean shortcut, KeyCode... codes) {
        this.keys = keys;
        this.action = action;
        this.shortcut = shortcut;
        this.codes = List.of(codes);
    }

    @Override public String keys() { return keys; }

    @Override public String action() { return action; }

    /**
     * The viewport key {@code e} is, or null: then it may still pick a tool or a preset, unless Ctrl or
     * Alt was held (combinations belong to the window's menus, except Ctrl+1/2/3 here).
     */
    public static ViewportKey of(KeyEvent e) {
        boolean combination = e.isShortcutDown() || e.isAltDown();
        if (combination && (e.isShiftDown() || e.isAltDown())) {
            return null;
        }
        for (ViewportKey key : values()) {
            if (key.shortcut == combination && key.codes.contains(e.getCode())) {
                return key;
            }
        }
        return null;
    }
}
