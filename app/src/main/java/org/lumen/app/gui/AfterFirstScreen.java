// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Work the window's first screen does not need (the AI model list, the storage receiver): it waits until
 * the first image is on screen, or the first open ended without one, and at most a few seconds after the
 * window showed, so that on a machine with few cores it does not delay the study the user opened
 * (ADR 0023). FX thread only.
 */
final class AfterFirstScreen {

    private static final Duration AT_MOST = Duration.seconds(3);

    private final List<Runnable> waiting = new ArrayList<>();
    private final PauseTransition atMost = new PauseTransition(AT_MOST);
    private boolean done;

    AfterFirstScreen() {
        atMost.setOnFinished(e -> now());
    }

    /** Runs {@code work} after the first screen, or at once when that has passed. */
    void add(Runnable work) {
        if (done) {
            work.run();
        } else {
            waiting.add(work);
        }
    }

    /** The window is on screen: from now on the waiting work runs {@link #AT_MOST} later at the latest. */
    void windowShown() {
        if (!done) {
            atMost.playFromStart();
        }
    }

    /** The first screen is there (an image, or the sentence why there is none): the waiting work runs now. Once. */
    void now() {
        if (done) {
            return;
        }
        done = true;
        atMost.stop();
        List<Runnable> work = List.copyOf(waiting);
        waiting.clear();
        work.forEach(Runnable::run);
    }
}
