// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import org.lumen.app.services.LumenServices;
import org.lumen.app.startup.StartupProbe;

/** Starts JavaFX, opens the workstation window and waits until the user closes it. */
public final class Workstation {

    private Workstation() { }

    /**
     * @param services the process's services (ADR 0022); the caller closes them
     * @param path     what to open, or null for the built-in demo study
     */
    public static int run(LumenServices services, Path path) throws IOException, InterruptedException {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalStateException("no display: the workstation window needs a graphical session (DISPLAY is not set);"
                    + " info, render and phantom work without one");
        }
        services.dataFolder();
        CountDownLatch closed = new CountDownLatch(1);
        StartupProbe.mark("fx-starting");
        Platform.startup(() -> {
            StartupProbe.mark("fx-started");
            WorkstationWindow window = new WorkstationWindow(services);
            StartupProbe.mark("window-built");
            window.stage().setOnHidden(e -> closed.countDown());
            window.show(path);
        });
        closed.await();
        Platform.exit();
        return 0;
    }
}
