// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import org.lumen.viewer.viewport.ViewportState;

/**
 * Plays one viewport's planes as a loop at an adjustable rate, stepping on the display's pulse
 * (so it never queues frames the screen cannot show) and skipping ahead when it falls behind.
 */
public final class CinePlayer {

    public static final double MIN_FPS = 1;
    public static final double MAX_FPS = 60;

    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper fps = new ReadOnlyDoubleWrapper(15);
    private ViewportState target;
    private long startNanos;
    private int startIndex;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            step(now);
        }
    };

    public ReadOnlyBooleanProperty playingProperty() { return playing.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty fpsProperty() { return fps.getReadOnlyProperty(); }

    /** Starts playing {@code view}, or stops if it is the one playing. */
    public void toggle(ViewportState view) {
        if (playing.get() && target == view) {
            stop();
        } else {
            play(view);
        }
    }

    public void play(ViewportState view) {
        target = view;
        restartClock(System.nanoTime());
        playing.set(true);
        timer.start();
    }

    public void stop() {
        timer.stop();
        playing.set(false);
        target = null;
    }

    /** Changes the rate by {@code delta} frames per second, within 1–60. */
    public void changeRate(double delta) {
        fps.set(Math.clamp(fps.get() + delta, MIN_FPS, MAX_FPS));
        restartClock(System.nanoTime());
    }

    private void restartClock(long now) {
        startNanos = now;
        startIndex = target == null ? 0 : target.index();
    }

    private void step(long now) {
        if (target == null) {
            return;
        }
        int count = target.plane().count();
        long frames = (long) ((now - startNanos) / 1e9 * fps.get());
        target.showSlice((int) ((startIndex + frames) % count));
    }
}
