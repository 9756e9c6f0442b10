// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.io.File;
import java.util.List;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.lumen.app.settings.RecentStudies;
import org.lumen.viewer.ui.ViewportGrid;
import org.lumen.viewer.ui.ViewportTool;

/** Every menu of the window in one place, with its accelerators. */
final class WorkstationMenus {

    private final WorkstationWindow window;
    private final RecentStudies recent;
    private final MenuBar bar = new MenuBar();
    private final Menu recentMenu = new Menu("Open _recent");

    WorkstationMenus(WorkstationWindow window, RecentStudies recent) {
        this.window = window;
        this.recent = recent;
        bar.getMenus().addAll(file(), view(), tools(), ai(), annotate(), help());
        refreshRecent();
    }

    MenuBar bar() { return bar; }

    private Menu file() {
        MenuItem folder = item("Open _folder…", "Shortcut+O", () -> {
            File dir = new DirectoryChooser().showDialog(window.stage());
            if (dir != null) {
                window.open(List.of(dir.toPath()));
            }
        });
        MenuItem files = item("Open fi_les, zip or DICOMDIR…", "Shortcut+Shift+O", () -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("All files", "*"),
                    new FileChooser.ExtensionFilter("DICOM", "*.dcm", "*.DCM", "DICOMDIR"),
                    new FileChooser.ExtensionFilter("Zip archives", "*.zip"));
            List<File> chosen = chooser.showOpenMultipleDialog(window.stage());
            if (chosen != null) {
                window.open(chosen.stream().map(File::toPath).toList());
            }
        });
        MenuItem pacs = item("_Query/Retrieve…", "Shortcut+Shift+Q", window::openQueryRetrieve);
        MenuItem offline = item("Offline _cache…", "Shortcut+Shift+C", window::openOfflineCache);
        MenuItem send = item("_Send to…", "Shortcut+Shift+S", window::sendActiveSeries);
        MenuItem network = item("_Network settings…", null, window::openNetworkSettings);
        MenuItem demo = item("Open the _demo study", null, window::openDemo);
        MenuItem close = item("_Close study", "Shortcut+W", window::closeStudy);
        MenuItem quit = item("_Quit", "Shortcut+Q", () -> window.stage().close());
        return new Menu("_File", null, folder, files, recentMenu, pacs, offline, send, network, new SeparatorMenuItem(), demo, close, new SeparatorMenuItem(), quit);
    }

    void refreshRecent() {
        recentMenu.getItems().clear();
        for (RecentStudies.Entry entry : recent.entries()) {
            MenuItem item = new MenuItem(entry.label() + (entry.exists() ? "" : "  (missing)"));
            item.setMnemonicParsing(false);
            item.setDisable(!entry.exists());
            item.setOnAction(e -> window.open(List.of(entry.path())));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private Menu view() {
        Menu view = new Menu("_View");
        ToggleGroup layouts = new ToggleGroup();
        String[] names = {"Layout 1×1", "Layout 1×2", "Layout 2×2", "MPR (axial, coronal, sagittal)"};
        ViewportGrid.Layout[] values = ViewportGrid.Layout.values();
        for (int i = 0; i < values.length; i++) {
            ViewportGrid.Layout layout = values[i];
            RadioMenuItem item = new RadioMenuItem(names[i]);
            item.setToggleGroup(layouts);
            item.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+" + (i + 1)));
            item.setOnAction(e -> window.setLayout(layout));
            item.setSelected(i == 0);
            view.getItems().add(item);
        }
        CheckMenuItem sync = new CheckMenuItem("Synchronise scrolling (same frame of reference)");
        sync.setSelected(true);
        sync.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        sync.setOnAction(e -> window.viewports().scrolling().setEnabled(sync.isSelected()));
        view.getItems().addAll(new SeparatorMenuItem(), sync, new SeparatorMenuItem(),
                hint("Hide or show overlays", "H"), hint("Invert", "I"), hint("Fit / one-to-one", "F / O"),
                hint("Rotate 90° / flip", "R, Shift+R / [ ]"), hint("Reset view", "0"), hint("Cine play / rate", "C / + -"),
                hint("Thicker / thinner MIP slab", "S / Shift+S"), hint("Stored / row / column planes", "Ctrl+1 2 3"),
                hint("Window presets / the file's own windows", "1–9 / Shift+1–9"));
        return view;
    }

    private Menu tools() {
        Menu tools = new Menu("_Tools");
        ToggleGroup group = new ToggleGroup();
        for (ViewportTool tool : ViewportTool.values()) {
            RadioMenuItem item = new RadioMenuItem(tool.label() + "\t" + tool.key().getName());
            item.setToggleGroup(group);
            item.setUserData(tool);
            item.setOnAction(e -> window.viewports().toolProperty().set(tool));
            tools.getItems().add(item);
        }
        window.viewports().toolProperty().addListener((o, old, tool) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == tool).findFirst().ifPresent(group::selectToggle));
        group.getToggles().getFirst().setSelected(true);
        return tools;
    }

    private Menu ai() {
        return new Menu("A_I", null,
                item("_Run the model on the active series", "Shortcut+I", window::runAi),
                new SeparatorMenuItem(),
                hint("Heatmap on/off", "V"), hint("In the findings table: accept / reject / uncertain", "Y / N / U"),
                hint("Jump to a finding", "select it, or Enter"));
    }

    private Menu annotate() {
        return new Menu("_Annotate", null,
                item("_Start labelling the active series", "Shortcut+Shift+A", window::startLabelling),
                item("S_top labelling", null, window::stopLabelling),
                item("_Review the case of the active series", "Shortcut+Shift+R", window::reviewCase),
                new SeparatorMenuItem(),
                hint("Brush / eraser / threshold brush", "Q / Shift+Q / J"), hint("Contour / fill (Alt: 3D)", "K / G"),
                hint("Brush smaller / bigger", ", / ."), hint("Class 1–9", "Alt+1–9"), hint("Undo / redo", "Ctrl+Z / Ctrl+Shift+Z"),
                hint("Labels on/off", "L"));
    }

    private Menu help() {
        return new Menu("_Help", null, item("_Keyboard shortcuts", "F1", () -> ShortcutsDialog.show(window.stage())));
    }

    private static MenuItem hint(String text, String keys) {
        MenuItem item = new MenuItem(text + "\t" + keys);
        item.setMnemonicParsing(false);
        item.setDisable(true);
        return item;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
