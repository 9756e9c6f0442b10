// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One overlay shown over a series: a heatmap with its {@link HeatmapStyle}, or a label volume with
 * its {@link LabelStyle}, its name (for the legend and panels) and whether it is visible. Changing
 * the style, visibility or the volume's content (call {@link #contentChanged}) notifies listeners,
 * so every viewport of the series repaints.
 */
public final class OverlayLayer {

    private final String name;
    private final OverlayVolume volume;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile HeatmapStyle heatmapStyle;
    private volatile LabelStyle labelStyle;
    private volatile boolean visible = true;
    private volatile String caution = "";

    private OverlayLayer(String name, OverlayVolume volume, HeatmapStyle heatmapStyle, LabelStyle labelStyle) {
        this.name = Objects.requireNonNull(name, "name");
        this.volume = Objects.requireNonNull(volume, "volume");
        this.heatmapStyle = heatmapStyle;
        this.labelStyle = labelStyle;
    }

    public static OverlayLayer heatmap(String name, HeatmapVolume volume, HeatmapStyle style) {
        return new OverlayLayer(name, volume, Objects.requireNonNull(style, "style"), null);
    }

    public static OverlayLayer labels(String name, LabelVolume volume, LabelStyle style) {
        return new OverlayLayer(name, volume, null, Objects.requireNonNull(style, "style"));
    }

    public String name() { return name; }

    public OverlayVolume volume() { return volume; }

    public boolean isHeatmap() { return volume instanceof HeatmapVolume; }

    /** The heatmap's style; null for a label layer. */
    public HeatmapStyle heatmapStyle() { return heatmapStyle; }

    /** The label layer's style; null for a heatmap. */
    public LabelStyle labelStyle() { return labelStyle; }

    public boolean visible() { return visible; }

    /** A warning the legend shows with the layer's name (e.g. "outside intended use"); empty for none. */
    public String caution() { return caution; }

    public void setCaution(String text) {
        caution = text == null ? "" : text;
        changed();
    }

    public void setVisible(boolean on) {
        if (on != visible) {
            visible = on;
            changed();
        }
    }

    public void setHeatmapStyle(HeatmapStyle style) {
        if (!isHeatmap()) {
            throw new IllegalStateException(name + " is a label layer, not a heatmap");
        }
        heatmapStyle = Objects.requireNonNull(style, "style");
        changed();
    }

    public void setLabelStyle(LabelStyle style) {
        if (isHeatmap()) {
            throw new IllegalStateException(name + " is a heatmap, not a label layer");
        }
        labelStyle = Objects.requireNonNull(style, "style");
        changed();
    }

    /** Tells the viewports that voxels changed (a brush stroke, a new inference result). */
    public void contentChanged() {
        changed();
    }

    public void addListener(Runnable listener) { listeners.add(listener); }

    public void removeListener(Runnable listener) { listeners.remove(listener); }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
