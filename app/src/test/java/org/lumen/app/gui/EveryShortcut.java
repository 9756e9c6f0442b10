// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.ArrayList;
import java.util.List;
import org.lumen.annotation.ui.LabellingKey;
import org.lumen.viewer.ui.Shortcut;
import org.lumen.viewer.ui.ViewportKey;
import org.lumen.viewer.ui.ViewportTool;

/** Every key table the window binds, in the F1 sheet's order: what the docs' key references are checked against. */
public final class EveryShortcut {

    private EveryShortcut() { }

    public static List<Shortcut> all() {
        List<Shortcut> all = new ArrayList<>();
        all.addAll(List.of(ViewportKey.values()));
        all.addAll(List.of(ViewportTool.values()));
        all.addAll(List.of(LabellingKey.values()));
        all.addAll(List.of(WindowKey.values()));
        return all;
    }
}
