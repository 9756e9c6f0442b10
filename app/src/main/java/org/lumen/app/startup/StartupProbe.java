// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The process's age. On Linux from {@code /proc} (its start and the system's uptime, both in clock ticks of
     * 10 ms): {@link ProcessHandle.Info#startInstant()} adds the boot time, which Linux gives in whole seconds,
     * and so put every mark up to a second late (the same amount for all marks of one boot).
     */
    private static long millisSinceStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which may hold spaces) start at the 3rd; the 22nd is the start time in ticks.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[22 - 3]);
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.round((uptimeSeconds - startTicks / (double) CLOCK_TICKS_PER_SECOND) * 1000);
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant()
                    .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
        }
    }

    /** Linux's USER_HZ, which /proc counts in: 100 on every architecture Lumen runs on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    /** Prints the mark when the probe is on, and ends the process when it is the one asked for. */
    public static void mark(String event) {
        if (!ON) {
            return;
        }
        long millis = millisSinceStart();
        System.out.printf(Locale.ROOT, "lumen-startup %s %d%n", event, millis);
        System.out.flush();
        if (event.equals(EXIT_AFTER)) {
            // Not halt(): a training run writes its AOT cache at the JVM's orderly exit.
            System.exit(0);
        }
    }
}
