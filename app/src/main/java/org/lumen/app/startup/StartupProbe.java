// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.startup;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Marks on the way from process start to the first image, for the startup benchmark and the AOT
 * cache's training run. Off unless {@code -Dlumen.startup.probe=true} or {@code -Dlumen.startup.exitAfter=EVENT}
 * is given: then each mark prints {@code lumen-startup EVENT MILLIS} on stdout (milliseconds since the
 * process started, as the OS counts it), and reaching {@code exitAfter} ends the process.
 */
public final class StartupProbe {

    /** The window is on screen (its stage was shown). */
    public static final String WINDOW_SHOWN = "window-shown";
    /** The first slice of the study has been laid out and drawn in a viewport. */
    public static final String FIRST_IMAGE = "first-image";

    private static final String EXIT_AFTER = System.getProperty("lumen.startup.exitAfter");
    private static final boolean ON = EXIT_AFTER != null || Boolean.getBoolean("lumen.startup.probe");

    private StartupProbe() { }

    public static boolean enabled() {
        return ON;
    }

    /** Prints the mark when the probe is on, and ends the process when it is the one asked for. */
    public static void mark(String event) {
        if (!ON) {
            return;
        }
        long millis = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
        System.out.printf(Locale.ROOT, "lumen-startup %s %d%n", event, millis);
        System.out.flush();
        if (event.equals(EXIT_AFTER)) {
            // Not halt(): a training run writes its AOT cache at the JVM's orderly exit.
            System.exit(0);
        }
    }
}
