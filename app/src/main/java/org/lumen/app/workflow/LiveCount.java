// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow;

import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.util.Duration;

/**
 * A count that background threads raise (instances arrived, files sent) and the FX thread shows: a
 * timeline copies it into a property five times a second while it is {@linkplain #start() running},
 * so a fast transfer never floods the FX thread with one update per item.
 */
public final class LiveCount {

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final ReadOnlyLongWrapper shownDone = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper shownTotal = new ReadOnlyLongWrapper();
    private final Timeline tick = new Timeline(new KeyFrame(Duration.millis(200), e -> copy()));

    public LiveCount() {
        tick.setCycleCount(Timeline.INDEFINITE);
    }

    /** Any thread: one more done. */
    public void increment() {
        done.incrementAndGet();
    }

    /** Any thread: {@code n} of {@code of} done (of &le; 0: unknown). */
    public void set(long n, long of) {
        done.set(n);
        total.set(of);
    }

    /** FX thread: starts showing the count, from zero. */
    public void start(long expected) {
        done.set(0);
        total.set(expected);
        copy();
        tick.play();
    }

    /** FX thread: shows the last count and stops the timeline. */
    public void stop() {
        tick.stop();
        copy();
    }

    public ReadOnlyLongProperty doneProperty() { return shownDone.getReadOnlyProperty(); }

    public ReadOnlyLongProperty totalProperty() { return shownTotal.getReadOnlyProperty(); }

    private void copy() {
        shownDone.set(done.get());
        shownTotal.set(total.get());
    }
}
