// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** The keyboard and mouse reference (F1). */
final class ShortcutsDialog {

    static final String TEXT = """
            Mouse
              wheel                 scroll through the planes      Ctrl+wheel   zoom at the cursor
              left drag             the active tool                right drag   window / level
              middle or Shift+drag  pan
            Keys in a viewport
              ↑ ↓ ← →  PgUp PgDn  Home End      scroll
              1–9  presets, the same on every series: CT 1 lung  2 mediastinum  3 soft tissue  4 bone  5 brain
                   6 abdomen  7 liver; every modality 8 auto (0.5–99.5th percentile)  9 full range
              Shift+1–9  the file's own windows, in its order
              I invert   H overlays   F fit   O one-to-one   0 reset view
              R / Shift+R rotate 90°   [ / ] flip horizontally / vertically
              C cine on/off   + / - cine rate   S / Shift+S MIP slab thicker / thinner
              V heatmaps on/off   L labels on/off
              Ctrl+1 / 2 / 3  stored slices / row reformat / column reformat
            Tools
              B scroll   W window   P pan   Z zoom   X crosshair
              M length   A angle   E ellipse ROI   T rectangle ROI   Delete removes the last   Esc cancels
            Labelling (Labels tab)
              Q brush   Shift+Q eraser   J threshold brush   K contour   G fill   , / . smaller / bigger brush
              D box   Shift+D line   N point   Delete removes the selected shape   Alt+1..9 class
              Ctrl+Z undo   Ctrl+Shift+Z or Ctrl+Y redo
            Window
              Ctrl+Shift+1..4  layouts 1×1, 1×2, 2×2, MPR     Ctrl+L  synchronised scrolling
              Ctrl+O open folder   Ctrl+Shift+O open files/zip/DICOMDIR   Ctrl+W close the active view's study
              Ctrl+Shift+Q query/retrieve a PACS (Enter searches, double-click retrieves and opens; Add…/Edit… nodes)
              Ctrl+Shift+C offline cache (size, pin, last opened; Enter opens, Delete removes)
              Ctrl+Shift+S send the active view's series to a saved node   File ▸ Network settings: storage receiver
              Esc cancels running tasks
              Ctrl+Shift+A label the active series   Ctrl+Shift+R review its case (Review tab)   Ctrl+I run the AI model
            Drag a series from the browser onto a viewport to show it there; drop files or folders on the window to open them.
            """;

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
}
