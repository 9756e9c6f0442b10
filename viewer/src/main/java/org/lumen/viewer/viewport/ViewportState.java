// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.volume.Volume;

/**
 * What a viewport shows and how: which plane of which volume (stored slices or a reformat), the
 * slab thickness, the window, the zoom/pan/rotation, and whether overlays are on. Plain Java, so
 * the viewer's behaviour is tested without a screen; the JavaFX view listens and repaints.
 */
public final class ViewportState {

    /** What changed, so links (synchronised scrolling, shared window) react only to what concerns them. */
    public enum Change { SLICE, PLANE, DISPLAY, TRANSFORM, OVERLAYS }

    /** Notified on the thread that made the change (the FX thread in the application). */
    public interface Listener {
        void changed(ViewportState state, Change change);
    }

    private final Volume volume;
    private final List<WindowPreset> presets;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private ViewPlane plane;
    private int index;
    private int slab = 1;
    private DisplaySettings display;
    private ViewTransform transform = ViewTransform.FIT;
    private boolean overlaysVisible = true;

    public ViewportState(Volume volume, DisplaySettings initialDisplay, int initialSlice) {
        this(volume, ViewPlane.stored(volume.geometry()), initialDisplay, initialSlice);
    }

    public ViewportState(Volume volume, ViewPlane plane, DisplaySettings initialDisplay, int initialIndex) {
        this.volume = volume;
        this.plane = plane;
        this.display = initialDisplay;
        this.index = clamp(initialIndex);
        var first = volume.frame(0).instance();
        this.presets = WindowPresets.forSeries(first.series().modality(), first.windows());
    }

    public Volume volume() { return volume; }

    public ViewPlane plane() { return plane; }

    /** The plane index shown (the stored slice index when the plane is the stored slices). */
    public int index() { return index; }

    /** The stored slice shown, for the stored-slice plane; for reformats the index along the reformat. */
    public int slice() { return index; }

    /** How many planes a maximum intensity projection spans (1: a single plane). */
    public int slab() { return slab; }

    public DisplaySettings display() { return display; }

    public ViewTransform transform() { return transform; }

    public boolean overlaysVisible() { return overlaysVisible; }

    /** The window presets offered for this series: the file's own, then the modality's standard ones. */
    public List<WindowPreset> presets() { return presets; }

    public void addListener(Listener listener) { listeners.add(listener); }

    public void removeListener(Listener listener) { listeners.remove(listener); }

    /** Moves by {@code delta} planes, stopping at either end. */
    public void scroll(int delta) {
        showSlice(index + delta);
    }

    public void showSlice(int k) {
        int clamped = clamp(k);
        if (clamped != index) {
            index = clamped;
            changed(Change.SLICE);
        }
    }

    /** Switches between the stored slices and the reformats, keeping the middle of the volume. */
    public void showPlane(PlaneAxis axis) {
        if (axis != plane.axis()) {
            ViewPlane next = ViewPlane.of(volume.geometry(), axis);
            int k = next.nearestIndex(plane.center(index));
            plane = next;
            index = clamp(k);
            transform = transform.fitted();
            changed(Change.PLANE);
        }
    }

    public void setSlab(int planes) {
        int s = Math.clamp(planes, 1, Math.max(1, plane.count()));
        if (s != slab) {
            slab = s;
            changed(Change.DISPLAY);
        }
    }

    public void applyPreset(int presetIndex) {
        if (presetIndex >= 0 && presetIndex < presets.size()) {
            setDisplay(new DisplaySettings(presets.get(presetIndex), null, display.invert()));
        }
    }

    public void setDisplay(DisplaySettings settings) {
        if (!settings.equals(display)) {
            display = settings;
            changed(Change.DISPLAY);
        }
    }

    /** Window/level by drag: horizontal changes the width, vertical the centre, scaled to the current width. */
    public void adjustWindow(double dx, double dy) {
        WindowPreset w = display.window();
        double scale = Math.max(1, w.width() / 256);
        WindowPreset adjusted = new WindowPreset("custom", w.center() - dy * scale, Math.max(1, w.width() + dx * scale));
        setDisplay(new DisplaySettings(adjusted, null, display.invert()));
    }

    public void toggleInvert() {
        setDisplay(new DisplaySettings(display.window(), display.voiLut(), !display.invert()));
    }

    public void toggleOverlays() {
        overlaysVisible = !overlaysVisible;
        changed(Change.OVERLAYS);
    }

    public void setTransform(ViewTransform t) {
        if (!t.equals(transform)) {
            transform = t;
            changed(Change.TRANSFORM);
        }
    }

    /** Zooms by {@code factor} keeping the image point under screen position (sx, sy) in place. */
    public void zoomAt(double factor, double sx, double sy, double viewportWidth, double viewportHeight) {
        double zoom = Math.clamp(transform.zoom() * factor, 0.05, 64);
        double f = zoom / transform.zoom();
        double vx = sx - viewportWidth / 2 - transform.panX();
        double vy = sy - viewportHeight / 2 - transform.panY();
        setTransform(transform.withZoom(zoom).panBy(vx * (1 - f), vy * (1 - f)));
    }

    /** One screen pixel per image pixel ("1:1"), centred. */
    public void showActualPixels(double viewportWidth, double viewportHeight) {
        ScreenMapping fit = ScreenMapping.of(plane, transform.fitted(), viewportWidth, viewportHeight);
        setTransform(transform.fitted().withZoom(1 / fit.screenPixelsPerImagePixel(plane)));
    }

    /** Back to fit, no rotation or flip, default window kept. */
    public void resetView() {
        setTransform(ViewTransform.FIT);
    }

    private int clamp(int k) {
        return Math.clamp(k, 0, plane.count() - 1);
    }

    private void changed(Change change) {
        listeners.forEach(l -> l.changed(this, change));
    }
}
