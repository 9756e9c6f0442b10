// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.lumen.viewer.ui.Shortcut;

/** The window's own keys: the menus' accelerators and Esc; the one table the menus bind and the F1 sheet lists. */
enum WindowKey implements Shortcut {
    OPEN_FOLDER("Shortcut+O", "open folder"),
    OPEN_FILES("Shortcut+Shift+O", "open files/zip/DICOMDIR"),
    CLOSE_STUDY("Shortcut+W", "close the active view's study"),
    QUERY_RETRIEVE("Shortcut+Shift+Q", "query/retrieve a PACS (Enter searches, double-click retrieves and opens; Add…/Edit… nodes)"),
    OFFLINE_CACHE("Shortcut+Shift+C", "offline cache (size, pin, last opened; Enter opens, Delete removes)"),
    SEND("Shortcut+Shift+S", "send the active view's series to a saved node"),
    QUIT("Shortcut+Q", "quit"),
    LAYOUT_1X1("Shortcut+Shift+1", "layout 1×1"),
    LAYOUT_1X2("Shortcut+Shift+2", "layout 1×2"),
    LAYOUT_2X2("Shortcut+Shift+3", "layout 2×2"),
    LAYOUT_MPR("Shortcut+Shift+4", "layout MPR"),
    SYNCHRONISED_SCROLLING("Shortcut+L", "synchronised scrolling"),
    RUN_AI("Shortcut+I", "run the AI model"),
    VALIDATE("Shortcut+Shift+V", "validate a model on a labelled dataset (FROC, subgroups, the card's claims; choose the operating point)"),
    PRACTICE("Shortcut+Shift+P", "model in practice (acceptance per score band, time to decision, missed lesions, weekly trend)"),
    AUDIT("Shortcut+Shift+T", "audit trail (filter by study, user, since, action; verify the chain)"),
    START_LABELLING("Shortcut+Shift+A", "label the active series"),
    REVIEW_CASE("Shortcut+Shift+R", "review the active series' case (Review tab)"),
    CANCEL_TASKS("Esc", "cancels running tasks"),
    SHORTCUTS("F1", "this sheet");

    private final String combination;
    private final String action;

    WindowKey(String combination, String action) {
        this.combination = combination;
        this.action = action;
    }

    /** The menu accelerator. */
    KeyCombination combination() {
        return KeyCombination.keyCombination(combination);
    }

    boolean matches(KeyEvent e) {
        return combination().match(e);
    }

    /** The four layouts in the order of {@code ViewportGrid.Layout}. */
    static WindowKey layout(int index) {
        return new WindowKey[] {LAYOUT_1X1, LAYOUT_1X2, LAYOUT_2X2, LAYOUT_MPR}[index];
    }

    @Override public String keys() { return combination.replace("Shortcut", "Ctrl"); }

    @Override public String action() { return action; }
}
