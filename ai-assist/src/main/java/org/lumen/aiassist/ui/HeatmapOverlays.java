// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.ui;

import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.viewer.overlay.Colormap;
import org.lumen.viewer.overlay.HeatmapStyle;
import org.lumen.viewer.overlay.HeatmapVolume;
import org.lumen.viewer.overlay.OverlayLayer;

/** Turns a model's heatmap (on the series grid) into a viewer overlay layer, without copying it. */
public final class HeatmapOverlays {

    private HeatmapOverlays() { }

    /** The caution a heatmap's legend shows when its run was outside the model's intended use. */
    public static final String OUTSIDE_INTENDED_USE = "outside intended use";

    /** The layer of a run's heatmap; one from a run outside the model's intended use says so on its legend. */
    public static OverlayLayer layer(Heatmap heatmap, boolean outsideIntendedUse) {
        OverlayLayer layer = layer(heatmap);
        if (outsideIntendedUse) {
            layer.setCaution(OUTSIDE_INTENDED_USE);
        }
        return layer;
    }

    public static OverlayLayer layer(Heatmap heatmap) {
        FloatVolume v = heatmap.volume();
        HeatmapVolume volume = new HeatmapVolume() {
            @Override public int columns() { return v.grid().nx(); }
            @Override public int rows() { return v.grid().ny(); }
            @Override public int slices() { return v.grid().nz(); }
            @Override public float[] sliceOrNull(int k) { return v.slice(k); }
        };
        boolean signed = Heatmap.OCCLUSION.equals(heatmap.kind());
        HeatmapStyle style = signed
                ? new HeatmapStyle(Colormap.DIVERGING, 0.6, 0, -Math.max(1e-6, Math.abs(v.max())), Math.max(1e-6, Math.abs(v.max())))
                : HeatmapStyle.probability(heatmap.threshold());
        return OverlayLayer.heatmap("AI: " + heatmap.label(), volume, style);
    }
}
