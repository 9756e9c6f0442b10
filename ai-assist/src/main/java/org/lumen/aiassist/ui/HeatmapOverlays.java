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
