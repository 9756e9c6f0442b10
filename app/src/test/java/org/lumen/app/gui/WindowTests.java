// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.lumen.app.services.LumenServices;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.task.Pools;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.volume.PixelCache;
import org.testfx.util.WaitForAsyncUtils;

/** What the TestFX tests of the real window share: opening it on a study, waiting for it, closing it, and running code on the FX thread. */
final class WindowTests {

    private WindowTests() { }

    /**
     * A user data folder (and catalog) of its own under {@code root}, so that what one test saves never
     * shows up in another's session; the window sized within Monocle's 1280x800 headless screen.
     */
    /** Saves the test archive's DIMSE address as a node named {@code name}, as a reader would with Add…. */
    static void saveNode(UserDataFolder home, String name, org.lumen.testdata.pacs.OrthancServer orthanc) throws IOException {
        new org.lumen.network.node.NodeStore(home.pacsNodes(), home.secrets()).save(org.lumen.network.node.InlineNodes
                .parse("dimse://ORTHANC@127.0.0.1:" + orthanc.dicomPort()).withName(name), org.lumen.network.node.Credentials.none());
    }

    static UserDataFolder newHome(Path root) throws IOException {
        return new UserDataFolder(Files.createTempDirectory(root, "home")).ensureExists();
    }

    /** Each window's services (its catalog), closed with the window by {@link #close}. */
    private static final java.util.Map<WorkstationWindow, LumenServices> SERVICES = new java.util.concurrent.ConcurrentHashMap<>();

    static WorkstationWindow open(Pools pools, UserDataFolder home, long cacheBytes, Path study) {
        LumenServices services = LumenServices.over(home, pools, new PixelCache(cacheBytes));
        WorkstationWindow window = new WorkstationWindow(services);
        SERVICES.put(window, services);
        window.stage().setWidth(1200);
        window.stage().setHeight(780);
        window.show(study);
        return window;
    }

    static void close(WorkstationWindow window) throws Exception {
        fx(() -> {
            window.stage().close();
            return null;
        });
        LumenServices services = SERVICES.remove(window);
        if (services != null) {
            services.close();
        }
    }

    /**
     * What the AI tab's findings table cuts off (it must be on screen): each cell or header whose text ends in an ellipsis,
     * columns wider than the rows' viewport (clipped under the vertical scroll bar), and a horizontal scroll bar. The side panel keeps the width the window's first layout, at its
     * default 1440 × 900, gives it (it does not grow or shrink with the window), so a smaller test window shows the table at
     * the width a reader has at the default size.
     */
    static List<String> findingsTableCutOffs(WorkstationWindow window) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableView<?> table = fx(() -> window.findingsPanel().findingsTable());
        return fx(() -> {
            List<String> found = new java.util.ArrayList<>();
            for (javafx.scene.Node node : table.lookupAll(".table-cell")) {
                if (node instanceof javafx.scene.control.TableCell<?, ?> cell && cell.isVisible() && cell.getText() != null
                        && !cell.getText().isEmpty() && cell.lookup(".text") instanceof javafx.scene.text.Text shown
                        && !shown.getText().equals(cell.getText())) {
                    found.add(cell.getText() + " shown as " + shown.getText());
                }
            }
            for (var column : table.getColumns()) {
                if (column.getGraphic() instanceof javafx.scene.control.Label header && header.lookup(".text") instanceof javafx.scene.text.Text shown
                        && !shown.getText().equals(header.getText())) {
                    found.add("header " + header.getText() + " shown as " + shown.getText());
                }
            }
            // Columns wider than the rows' viewport run under the vertical scroll bar: clipped without an ellipsis.
            double columns = table.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum();
            if (table.lookup(".clipped-container") instanceof javafx.scene.layout.Region rows && columns > rows.getWidth() + 0.5) {
                found.add(String.format(java.util.Locale.ROOT, "columns %.0f px wide in %.0f px of rows", columns, rows.getWidth()));
            }
            table.lookupAll(".scroll-bar").stream().filter(n -> n instanceof javafx.scene.control.ScrollBar b
                    && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible()).findFirst()
                    .ifPresent(b -> found.add("a horizontal scroll bar"));
            return found;
        });
    }

    /** Waits until the window has nothing loading or running, and the FX events that follow are done. */
    static void awaitSettled(WorkstationWindow window) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Waits for the AI tab's model list (filled in the background), chooses {@code model} and runs it; the caller waits
     * for what it expects (a result, a refusal).
     */
    static void runModel(WorkstationWindow window, String model) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.findingsPanel().selectedModel() != null));
        fx(() -> {
            window.findingsPanel().setModels(java.util.List.of("demo", model), model);
            window.ai().run();
            return null;
        });
    }

    static SliceViewport active(WorkstationWindow window) throws Exception {
        return fx(() -> window.grid().activeViewport().orElseThrow());
    }

    /** Runs {@code work} on the FX thread (at once when already there) and returns its result. */
    static <T> T fx(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }
}
