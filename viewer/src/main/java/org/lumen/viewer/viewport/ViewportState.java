// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.ValueStatistics;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

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

    /** Slices sampled for the series' value statistics (automatic window, drag scale). */
    private static final int STATISTICS_SLICES = 16;

    private final Volume volume;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private ViewPlane plane;
    private int index;
    private int slab = 1;
    private DisplaySettings display;
    private ViewTransform transform = ViewTransform.FIT;
    private boolean overlaysVisible = true;
    private ValueStatistics values;
    private int valuesFromSlices;
    private int valuesAtLoaded = -1;

    public ViewportState(Volume volume, DisplaySettings initialDisplay, int initialSlice) {
        this(volume, ViewPlane.stored(volume.geometry()), initialDisplay, initialSlice);
    }

    public ViewportState(Volume volume, ViewPlane plane, DisplaySettings initialDisplay, int initialIndex) {
        this.volume = volume;
        this.plane = plane;
        this.display = initialDisplay;
        this.index = clamp(initialIndex);
    }

    public Volume volume() { return volume; }

    /**
     * This view on {@code grown}, a larger volume of the same series (it is still arriving, decision 0017):
     * the same stored frame, found by instance and frame rather than by index since new slices land
     * between the old ones, or for a reformat the plane through the same point; window, zoom, pan,
     * rotation, slab and overlays as they are.
     */
    public ViewportState onGrown(Volume grown) {
        ViewPlane next = plane.axis() == PlaneAxis.SLICES ? ViewPlane.stored(grown.geometry()) : ViewPlane.of(grown.geometry(), plane.axis());
        int k = plane.axis() == PlaneAxis.SLICES ? keptSlice(grown) : next.nearestIndex(plane.center(index));
        ViewportState state = new ViewportState(grown, next, display, k);
        state.transform = transform;
        state.slab = Math.clamp(slab, 1, Math.max(1, next.count()));
        state.overlaysVisible = overlaysVisible;
        return state;
    }

    /**
     * The stored slice of {@code grown} nearest what this view shows: the same frame where the view shows a
     * stored slice, else the slice through the centre of the plane shown.
     */
    public int keptSlice(Volume grown) {
        if (plane.axis() == PlaneAxis.SLICES) {
            int same = org.lumen.viewer.volume.SeriesLoader.indexOf(grown.plan(), volume.frame(index));
            if (same >= 0) {
                return same;
            }
        }
        return ViewPlane.stored(grown.geometry()).nearestIndex(plane.center(index));
    }

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

    /** What keys 1–9 give on this series (null where a key gives nothing); see {@link WindowPresets#keyNames}. */
    public List<String> presetKeys() { return WindowPresets.keyNames(realWorldValues() ? "" : modality()); }

    /**
     * The file's own windows, on Shift+1–9 in this order (a VOI LUT of the file comes after them); a map's through
     * its Real World Value Mapping, as its values are.
     */
    public List<WindowPreset> fileWindows() { return WindowPresets.fileWindows(firstHeader()); }

    /** Whether the volume holds a parametric map's real-world values, so its window is in their units (ADR 0039). */
    public boolean realWorldValues() { return volume.holdsRealWorldValues(); }

    /** The units of the values and so of the window: a map's real-world units, else none (CT's HU go unsaid). */
    public String windowUnits() {
        if (!realWorldValues()) {
            return "";
        }
        RealWorldValues mapping = RealWorldValues.known(firstHeader().file());
        return mapping == null ? "" : mapping.units();
    }

    /**
     * The units of the values a measurement reads (an ROI's mean): a map's real-world units (ADR 0039; a map copies the
     * CT's Modality but is not in HU), HU on CT, else none.
     */
    public String valueUnits() {
        if (realWorldValues()) {
            return windowUnits();
        }
        return "CT".equals(firstHeader().series().modality()) ? "HU" : "";
    }

    /** "W 400  L 40" (modality values, whole numbers), or a map's "W 0.0015  L 0.00075 mm2/s" (real-world values). */
    public String windowText() {
        WindowPreset w = display.window();
        if (!realWorldValues()) {
            return String.format(Locale.ROOT, "W %.0f  L %.0f", w.width(), w.center());
        }
        String units = windowUnits();
        return "W " + WindowText.number(w.width()) + "  L " + WindowText.number(w.center()) + (units.isEmpty() ? "" : " " + units);
    }

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

    /** Applies the preset of key {@code key} (1–9); false when that key gives none on this series. */
    public boolean applyPreset(int key) {
        Optional<WindowPreset> preset = WindowPresets.forKey(key, modality(), realWorldValues(), this::values);
        preset.ifPresent(w -> setDisplay(new DisplaySettings(w, null, display.invert())));
        return preset.isPresent();
    }

    /**
     * Applies the file's own display of Shift+{@code key} (1–9): its windows in the file's order, then
     * its VOI LUT; false when the file has no such one.
     */
    public boolean applyFileWindow(int key) {
        InstanceHeader header = firstHeader();
        Optional<WindowPreset> window = WindowPresets.fileWindow(key, fileWindows());
        if (window.isPresent()) {
            setDisplay(new DisplaySettings(window.get(), null, display.invert()));
            return true;
        }
        if (header.voiLut() != null && key == header.windows().size() + 1) {
            setDisplay(new DisplaySettings(display.window(), header.voiLut(), display.invert()));
            return true;
        }
        return false;
    }

    public void setDisplay(DisplaySettings settings) {
        if (!settings.equals(display)) {
            display = settings;
            changed(Change.DISPLAY);
        }
    }

    /**
     * Window/level by a drag of (dx, dy) screen pixels in a view of viewWidth × viewHeight: rightwards
     * widens, upwards raises the centre. A drag across the whole view changes the width (or the
     * centre) by {@link #dragSweep}, so it reaches a useful part of the data on an 8-bit radiograph
     * as on a 16-bit one or a CT.
     */
    public void adjustWindow(double dx, double dy, double viewWidth, double viewHeight) {
        WindowPreset w = display.window();
        double sweep = realWorldValues() ? dragSweepReal(w.width(), values()) : dragSweep(w.width(), values());
        // A map's real-world window (or any under 1) may narrow further, a sixteenth at a time; stored integers keep DICOM's 1.
        double width = Math.max(realWorldValues() || w.width() < 1 ? w.width() / 16 : 1, w.width() + dx / Math.max(1, viewWidth) * sweep);
        double center = w.center() - dy / Math.max(1, viewHeight) * sweep;
        setDisplay(new DisplaySettings(new WindowPreset("custom", center, width), null, display.invert()));
    }

    /**
     * How far a drag across the whole view moves the window: the current width, but at least a
     * quarter and at most all of the data's robust span, so a narrow window (a CT brain window, or
     * a file's window of width 1) still moves at a useful pace and a huge one not past the data.
     * Without values in memory yet, the width itself.
     */
    static double dragSweep(double width, ValueStatistics values) {
        if (values == null) {
            return Math.max(width, 256);
        }
        return Math.clamp(width, values.span() / 4, values.span());
    }

    /**
     * The same for a map's real-world values (ADR 0039): between a quarter and all of their span, without the one-unit
     * minimum that would move a window of diffusion coefficients (0.001 mm2/s) past every value in a few pixels.
     */
    static double dragSweepReal(double width, ValueStatistics values) {
        double span = values == null ? 0 : values.realSpan();
        return span > 0 ? Math.clamp(width, span / 4, span) : width;
    }

    /**
     * The series' value statistics from up to {@value #STATISTICS_SLICES} slices in memory spread
     * over the series (padding aside), for the automatic window and the drag scale; recomputed while
     * fewer slices were sampled and more have loaded since. Null while no slice is in memory.
     */
    public ValueStatistics values() {
        int loaded = volume.loadedCount();
        if (values == null || valuesFromSlices < STATISTICS_SLICES && loaded != valuesAtLoaded) {
            List<VoxelSlice> slices = sampleSlices();
            valuesAtLoaded = loaded;
            if (!slices.isEmpty()) {
                values = ValueStatistics.of(slices);
                valuesFromSlices = slices.size();
            }
        }
        return values;
    }

    private List<VoxelSlice> sampleSlices() {
        int n = volume.sliceCount();
        List<VoxelSlice> slices = new ArrayList<>();
        for (int i = 0; i < Math.min(n, STATISTICS_SLICES); i++) {
            volume.sliceIfPresent((int) ((i + 0.5) * n / Math.min(n, STATISTICS_SLICES))).ifPresent(slices::add);
        }
        if (slices.isEmpty() && plane.axis() == PlaneAxis.SLICES) {
            volume.sliceIfPresent(index).ifPresent(slices::add);
        }
        return slices;
    }

    private InstanceHeader firstHeader() {
        return volume.frame(0).instance();
    }

    private String modality() {
        return firstHeader().series().modality();
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
