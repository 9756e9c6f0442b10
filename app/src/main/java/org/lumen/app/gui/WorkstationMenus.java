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
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.lumen.app.settings.RecentStudies;
import org.lumen.annotation.ui.LabellingKey;
import org.lumen.viewer.ui.Shortcut;
import org.lumen.viewer.ui.ViewportGrid;
import org.lumen.viewer.ui.ViewportKey;
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
        MenuItem folder = item("Open _folder…", WindowKey.OPEN_FOLDER, () -> {
            File dir = new DirectoryChooser().showDialog(window.stage());
            if (dir != null) {
                window.open(List.of(dir.toPath()));
            }
        });
        MenuItem files = item("Open fi_les, zip or DICOMDIR…", WindowKey.OPEN_FILES, () -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("All files", "*"),
                    new FileChooser.ExtensionFilter("DICOM", "*.dcm", "*.DCM", "DICOMDIR"),
                    new FileChooser.ExtensionFilter("Zip archives", "*.zip"));
            List<File> chosen = chooser.showOpenMultipleDialog(window.stage());
            if (chosen != null) {
                window.open(chosen.stream().map(File::toPath).toList());
            }
        });
        MenuItem pacs = item("_Query/Retrieve…", WindowKey.QUERY_RETRIEVE, window::openQueryRetrieve);
        MenuItem offline = item("Offline _cache…", WindowKey.OFFLINE_CACHE, window::openOfflineCache);
        MenuItem send = item("_Send to…", WindowKey.SEND, window::sendActiveSeries);
        MenuItem network = item("_Network settings…", null, window::openNetworkSettings);
        MenuItem demo = item("Open the _demo study", null, window::openDemo);
        MenuItem close = item("_Close study", WindowKey.CLOSE_STUDY, window::closeStudy);
        MenuItem quit = item("_Quit", WindowKey.QUIT, () -> window.stage().close());
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
            item.setAccelerator(WindowKey.layout(i).combination());
            item.setOnAction(e -> window.setLayout(layout));
            item.setSelected(i == 0);
            view.getItems().add(item);
        }
        CheckMenuItem sync = new CheckMenuItem("Synchronise scrolling (same frame of reference)");
        sync.setSelected(true);
        sync.setAccelerator(WindowKey.SYNCHRONISED_SCROLLING.combination());
        sync.setOnAction(e -> window.viewports().scrolling().setEnabled(sync.isSelected()));
        view.getItems().addAll(new SeparatorMenuItem(), sync, new SeparatorMenuItem(),
                hint(ViewportKey.OVERLAYS), hint(ViewportKey.INVERT), hint(ViewportKey.FIT), hint(ViewportKey.ONE_TO_ONE),
                hint(ViewportKey.ROTATE), hint(ViewportKey.FLIP_HORIZONTALLY), hint(ViewportKey.FLIP_VERTICALLY), hint(ViewportKey.RESET),
                hint(ViewportKey.CINE), hint(ViewportKey.CINE_FASTER), hint(ViewportKey.CINE_SLOWER), hint(ViewportKey.SLAB),
                hint(ViewportKey.STORED_SLICES), hint(ViewportKey.ROW_REFORMAT), hint(ViewportKey.COLUMN_REFORMAT),
                hint("Window presets / the file's own windows", ShortcutsDialog.PRESET_KEYS + " / " + ShortcutsDialog.FILE_WINDOW_KEYS));
        return view;
    }

    private Menu tools() {
        Menu tools = new Menu("_Tools");
        ToggleGroup group = new ToggleGroup();
        for (ViewportTool tool : ViewportTool.values()) {
            RadioMenuItem item = new RadioMenuItem(tool.label() + "\t" + tool.keys());
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
                item("_Run the model on the active series", WindowKey.RUN_AI, window::runAi),
                new SeparatorMenuItem(),
                item("_Validate on a dataset…", WindowKey.VALIDATE, window::openValidation),
                item("Model in _practice…", WindowKey.PRACTICE, window::openPractice),
                item("_Audit trail…", WindowKey.AUDIT, window::openAudit),
                new SeparatorMenuItem(),
                hint(ViewportKey.HEATMAPS), hint("In the findings table: accept / reject / uncertain", "Y / N / U"),
                hint("Jump to a finding", "select it, or Enter"));
    }

    private Menu annotate() {
        return new Menu("_Annotate", null,
                item("_Start labelling the active series", WindowKey.START_LABELLING, window::startLabelling),
                item("S_top labelling", null, window::stopLabelling),
                item("_Review the case of the active series", WindowKey.REVIEW_CASE, window::reviewCase),
                new SeparatorMenuItem(),
                hint(LabellingKey.BRUSH), hint(LabellingKey.ERASER), hint(LabellingKey.THRESHOLD_BRUSH), hint(LabellingKey.CONTOUR),
                hint(LabellingKey.FILL), hint("Contour / fill in 3D", "Alt+click"), hint(LabellingKey.SMALLER_BRUSH),
                hint(LabellingKey.BIGGER_BRUSH), hint(LabellingKey.BOX), hint(LabellingKey.LINE), hint(LabellingKey.POINT),
                hint(LabellingKey.CLASS), hint(LabellingKey.UNDO), hint(LabellingKey.REDO), hint(ViewportKey.LABELS));
    }

    private Menu help() {
        return new Menu("_Help", null, item("_Keyboard shortcuts", WindowKey.SHORTCUTS, () -> ShortcutsDialog.show(window.stage())));
    }

    /** A disabled item that names a key the viewport or a panel handles (not the menu): its action and keys from the table. */
    private static MenuItem hint(Shortcut key) {
        return hint(Character.toUpperCase(key.action().charAt(0)) + key.action().substring(1), key.keys());
    }

    private static MenuItem hint(String text, String keys) {
        MenuItem item = new MenuItem(text + "\t" + keys);
        item.setMnemonicParsing(false);
        item.setDisable(true);
        return item;
    }

    private static MenuItem item(String text, WindowKey key, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (key != null) {
            item.setAccelerator(key.combination());
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
