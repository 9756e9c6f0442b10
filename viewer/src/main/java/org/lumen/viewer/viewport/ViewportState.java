// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.volume.Volume;

/**
 * What a viewport shows: which slice of which volume, with which window, and whether overlays
 * are on. Plain Java, so the viewer's behaviour is tested without a screen; the JavaFX view
 * listens and repaints.
 */
public final class ViewportState {

    private final Volume volume;
    private final List<WindowPreset> presets;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private int slice;
    private DisplaySettings display;
    private boolean overlaysVisible = true;

    public ViewportState(Volume volume, DisplaySettings initialDisplay, int initialSlice) {
        this.volume = volume;
        this.display = initialDisplay;
        this.slice = clampSlice(initialSlice);
        var first = volume.frame(0).instance();
        this.presets = WindowPresets.forSeries(first.series().modality(), first.windows());
    }

    public Volume volume() { return volume; }

    public int slice() { return slice; }

    public DisplaySettings display() { return display; }

    public boolean overlaysVisible() { return overlaysVisible; }

    /** The window presets offered for this series: the file's own, then the modality's standard ones. */
    public List<WindowPreset> presets() { return presets; }

    public void addListener(Runnable listener) { listeners.add(listener); }

    /** Moves by {@code delta} slices, stopping at either end. */
    public void scroll(int delta) {
        showSlice(slice + delta);
    }

    public void showSlice(int k) {
        int clamped = clampSlice(k);
        if (clamped != slice) {
            slice = clamped;
            changed();
        }
    }

    public void applyPreset(int index) {
        if (index >= 0 && index < presets.size()) {
            display = new DisplaySettings(presets.get(index), null, display.invert());
            changed();
        }
    }

    /** Window/level by drag: horizontal changes the width, vertical the centre, scaled to the current width. */
    public void adjustWindow(double dx, double dy) {
        WindowPreset w = display.window();
        double scale = Math.max(1, w.width() / 256);
        WindowPreset adjusted = new WindowPreset("custom", w.center() - dy * scale, Math.max(1, w.width() + dx * scale));
        display = new DisplaySettings(adjusted, null, display.invert());
        changed();
    }

    public void toggleInvert() {
        display = new DisplaySettings(display.window(), display.voiLut(), !display.invert());
        changed();
    }

    public void toggleOverlays() {
        overlaysVisible = !overlaysVisible;
        changed();
    }

    private int clampSlice(int k) {
        return Math.clamp(k, 0, volume.sliceCount() - 1);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
