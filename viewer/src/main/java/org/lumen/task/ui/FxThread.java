// SPDX-License-Identifier: Apache-2.0
package org.lumen.task.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The JavaFX application thread as the rest of Lumen reaches it: the one place that queues work there
 * (an ArchUnit rule forbids {@code Platform.runLater} outside {@code org.lumen.task}), so a test or a
 * future change of toolkit has one seam.
 */
public final class FxThread {

    private static final Executor EXECUTOR = FxThread::later;

    private FxThread() { }

    /** Runs {@code action} on the FX thread later, after what is already queued there. */
    public static void later(Runnable action) {
        Platform.runLater(action);
    }

    /** The FX thread as an executor, for code that takes "the thread to call back on" (e.g. Autosave's listeners). */
    public static Executor executor() {
        return EXECUTOR;
    }

    public static boolean isCurrent() {
        return Platform.isFxApplicationThread();
    }
}
