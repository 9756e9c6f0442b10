// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Synchronised scrolling of viewports that share a Frame of Reference: when one moves, each other
 * view with near-parallel planes moves to its plane nearest the first one's centre. Views in a
 * different frame of reference, or cutting across, are left alone (their positions mean nothing
 * to each other).
 */
public final class LinkedScrolling {

    /** Planes within about 25° count as parallel. */
    private static final double PARALLEL_COSINE = 0.9;

    private final List<ViewportState> views = new ArrayList<>();
    private final ViewportState.Listener listener = this::changed;
    private boolean enabled = true;
    private boolean propagating;

    public void setEnabled(boolean on) { enabled = on; }

    public boolean enabled() { return enabled; }

    public void attach(ViewportState view) {
        views.add(view);
        view.addListener(listener);
    }

    public void detach(ViewportState view) {
        views.remove(view);
        view.removeListener(listener);
    }

    /** Whether two views scroll together: same frame of reference and parallel planes. */
    public static boolean linkable(ViewportState a, ViewportState b) {
        String fa = frameOfReference(a);
        return fa != null && Objects.equals(fa, frameOfReference(b))
                && Math.abs(a.plane().normal().dot(b.plane().normal())) >= PARALLEL_COSINE;
    }

    private void changed(ViewportState source, ViewportState.Change change) {
        if (!enabled || propagating || change != ViewportState.Change.SLICE) {
            return;
        }
        propagating = true;
        try {
            var center = source.plane().center(source.index());
            for (ViewportState other : views) {
                if (other != source && other.volume() != source.volume() && linkable(source, other)) {
                    other.showSlice(other.plane().nearestIndex(center));
                }
            }
        } finally {
            propagating = false;
        }
    }

    private static String frameOfReference(ViewportState v) {
        return v.volume().frame(0).instance().series().frameOfReferenceUid();
    }
}
