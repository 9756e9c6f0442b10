// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.viewer.geometry.Vec3;

/**
 * A patient-space point shared by the views of one volume (MPR): each view shows the plane
 * through it, scrolling a view moves it along that view's normal, and clicking sets it.
 */
public final class Crosshair {

    private final List<ViewportState> views = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Vec3 point;
    private boolean propagating;

    public Crosshair(Vec3 initial) {
        this.point = initial;
    }

    public Vec3 point() { return point; }

    public List<ViewportState> views() { return List.copyOf(views); }

    /** Called after every move, so every view redraws its crosshair lines. */
    public void addListener(Runnable listener) { listeners.add(listener); }

    /** Links a view: it moves to the plane through the point now and follows it from here on. */
    public void attach(ViewportState view) {
        views.add(view);
        view.addListener((state, change) -> {
            if (!propagating && (change == ViewportState.Change.SLICE || change == ViewportState.Change.PLANE)) {
                double[] p = state.plane().toPlane(point);
                moveTo(state.plane().toPatient(p[0], p[1], state.index()), state);
            }
        });
        follow(view);
    }

    public void detachAll() {
        views.clear();
    }

    /** Sets the point (e.g. a click) and brings every other view to the plane through it. */
    public void moveTo(Vec3 p) {
        moveTo(p, null);
    }

    private void moveTo(Vec3 p, ViewportState source) {
        point = p;
        propagating = true;
        try {
            for (ViewportState v : views) {
                if (v != source) {
                    follow(v);
                }
            }
        } finally {
            propagating = false;
        }
        listeners.forEach(Runnable::run);
    }

    private void follow(ViewportState v) {
        boolean was = propagating;
        propagating = true;
        try {
            v.showSlice(v.plane().nearestIndex(point));
        } finally {
            propagating = was;
        }
    }
}
