// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.nio.file.Path;
import java.time.Duration;
import org.lumen.app.services.LumenServices;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.ui.ViewportGrid;

/**
 * Renders the real workstation window headless (Monocle, software pipeline) to a PNG: the same
 * window, layout and viewports a user sees, once every series on screen has loaded.
 */
public final class WorkstationSnapshot {

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 50;

    private WorkstationSnapshot() { }

    /**
     * What to show and how big.
     *
     * @param window    a named or CENTER,WIDTH window, or null
     * @param presetKey a window key whose preset comes from the loaded values (8 auto, 9 full range), or 0
     */
    public record Request(DicomIndex index, Series series, ViewportGrid.Layout layout, WindowPreset window, int presetKey,
                          int width, int height, Path out) { }

    /**
     * Writes the PNG; returns the window the first view shows (what a key or --window chose, or the series' own).
     *
     * @throws IllegalArgumentException after writing the PNG, when a view shows why its series could not be opened
     */
    public static WindowPreset write(Request request, LumenServices services) throws Exception {
        HeadlessFx.start();
        WorkstationWindow window = HeadlessFx.call(() -> {
            WorkstationWindow w = new WorkstationWindow(services);
            w.stage().setWidth(request.width());
            w.stage().setHeight(request.height());
            w.stage().show();
            w.present(request.index(), request.series(), request.layout(), request.window());
            return w;
        });
        try {
            awaitSettled(window);
            if (request.presetKey() > 0) {
                // As the key does in the window: from the values of the slices now in memory.
                HeadlessFx.call(() -> window.viewports().onScreen().stream().map(v -> v.state().applyPreset(request.presetKey()))
                        .toList());
                HeadlessFx.awaitPulses(3, HeadlessFx.DEFAULT_TIMEOUT);
            }
            HeadlessFx.snapshotToPng(window.scene(), request.width(), request.height(), request.out());
            java.util.Optional<String> failure = HeadlessFx.call(window::slotFailure);
            if (failure.isPresent()) {
                // The picture shows what the window shows, the failure in the view; the command still fails.
                throw new IllegalArgumentException("wrote " + request.out() + ", but the series could not be shown: " + failure.get());
            }
            return HeadlessFx.call(() -> window.viewports().onScreen().getFirst().state().display().window());
        } finally {
            HeadlessFx.run(() -> window.stage().close(), HeadlessFx.DEFAULT_TIMEOUT);
        }
    }

    /** Waits until loading and thumbnails are done, twice in a row (a finished task may start the next). */
    static void awaitSettled(WorkstationWindow window) throws Exception {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        int settled = 0;
        while (settled < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the series did not finish loading within " + LOAD_TIMEOUT.toMinutes() + " minutes");
            }
            Thread.sleep(POLL_MILLIS);
            settled = HeadlessFx.call(window::isSettled) ? settled + 1 : 0;
        }
        HeadlessFx.awaitPulses(3, HeadlessFx.DEFAULT_TIMEOUT);
    }
}
