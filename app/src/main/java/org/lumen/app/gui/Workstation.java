// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.startup.StartupProbe;
import org.lumen.task.Pools;
import org.lumen.viewer.volume.PixelCache;

/** Starts JavaFX, opens the workstation window and waits until the user closes it. */
public final class Workstation {

    private Workstation() { }

    /** @param path what to open, or null for the built-in demo study */
    public static int run(Path path) throws IOException, InterruptedException {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalStateException("no display: the workstation window needs a graphical session (DISPLAY is not set);"
                    + " info, render and phantom work without one");
        }
        UserDataFolder data = UserDataFolder.fromEnvironment().ensureExists();
        CountDownLatch closed = new CountDownLatch(1);
        try (Pools pools = new Pools()) {
            PixelCache cache = PixelCache.withDefaultBudget();
            StartupProbe.mark("fx-starting");
            Platform.startup(() -> {
                StartupProbe.mark("fx-started");
                WorkstationWindow window = new WorkstationWindow(pools, data, cache);
                StartupProbe.mark("window-built");
                window.stage().setOnHidden(e -> closed.countDown());
                window.show(path);
            });
            closed.await();
            Platform.exit();
        }
        return 0;
    }
}
