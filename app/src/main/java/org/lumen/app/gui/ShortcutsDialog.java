// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.lumen.annotation.ui.LabellingKey;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.ui.Shortcut;
import org.lumen.viewer.ui.ViewportKey;
import org.lumen.viewer.ui.ViewportTool;

/**
 * The keyboard and mouse reference (F1), generated from the tables the handlers and menus bind
 * ({@link ViewportKey}, {@link ViewportTool}, {@link LabellingKey}, {@link WindowKey}) and from the window
 * presets, so it cannot drift from what the keys do.
 */
final class ShortcutsDialog {

    /** The keys of the window presets and of the file's own windows (bound in the viewport by digit). */
    static final String PRESET_KEYS = "1–9";
    static final String FILE_WINDOW_KEYS = "Shift+1–9";

    private static final String MOUSE = """
            Mouse
              wheel                 scroll through the planes      Ctrl+wheel   zoom at the cursor
              left drag             the active tool                right drag   window / level
              middle or Shift+drag  pan
            """;

    private static final String DRAG_AND_DROP =
            "Drag a series from the browser onto a viewport to show it there; drop files or folders on the window to open them.\n";

    static final String TEXT = MOUSE
            + section("Keys in a viewport", Arrays.stream(ViewportKey.values()).map(Shortcut.class::cast).toList())
            + "  " + PRESET_KEYS + "  presets, the same on every series: " + presets() + "\n"
            + "  " + FILE_WINDOW_KEYS + "  the file's own windows, in its order\n"
            + section("Tools", Arrays.stream(ViewportTool.values()).map(Shortcut.class::cast).toList())
            + section("Labelling (Labels tab)", Arrays.stream(LabellingKey.values()).map(Shortcut.class::cast).toList())
            + section("Window", Arrays.stream(WindowKey.values()).map(Shortcut.class::cast).toList())
            + DRAG_AND_DROP;

    private ShortcutsDialog() { }

    static void show(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText(null);
        Label text = new Label(TEXT);
        text.getStyleClass().add("shortcuts");
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        alert.show();
    }

    /** A heading and its keys, two to a line, each "keys  action" in a column. */
    private static String section(String heading, List<Shortcut> keys) {
        StringBuilder out = new StringBuilder(heading).append('\n');
        List<String> cells = new ArrayList<>();
        for (Shortcut k : keys) {
            cells.add(String.format(Locale.ROOT, "%-14s %s", k.keys(), k.action()));
        }
        for (int i = 0; i < cells.size(); i += 2) {
            String left = cells.get(i);
            out.append("  ");
            if (i + 1 < cells.size() && left.length() <= 46 && cells.get(i + 1).length() <= 60) {
                out.append(String.format(Locale.ROOT, "%-48s", left)).append(cells.get(i + 1));
            } else {
                out.append(left);
                if (i + 1 < cells.size()) {
                    out.append('\n').append("  ").append(cells.get(i + 1));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** "CT 1 lung 2 mediastinum …; every modality 8 auto (0.5–99.5th percentile) 9 full range", from the presets themselves. */
    private static String presets() {
        List<String> names = WindowPresets.keyNames("CT");
        StringBuilder out = new StringBuilder("CT");
        for (int key = 1; key <= names.size(); key++) {
            if (key == WindowPresets.AUTO_KEY) {
                out.append(";\n       every modality");
            }
            out.append(' ').append(key).append(' ').append(names.get(key - 1).replace('-', ' '));
            if (key == WindowPresets.AUTO_KEY) {
                out.append(" (0.5–99.5th percentile)");
            }
        }
        return out.toString();
    }
}
