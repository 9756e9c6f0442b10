// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.ui;

import java.util.function.IntFunction;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.StoredSlices;
import org.lumen.aiassist.image2d.Heatmap2D;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.viewer.overlay.Colormap;
import org.lumen.viewer.overlay.HeatmapStyle;
import org.lumen.viewer.overlay.HeatmapVolume;
import org.lumen.viewer.overlay.OverlayLayer;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Turns a model's heatmap (on the series grid) into a viewer overlay layer on the series' stored
 * slices: without copying it for a regular series, slice by slice at the true positions for an irregular one.
 */
public final class HeatmapOverlays {

    private HeatmapOverlays() { }

    /** The caution a heatmap's legend shows when its run was outside the model's intended use. */
    public static final String OUTSIDE_INTENDED_USE = "outside intended use";

    /**
     * The layer of a run's heatmap; one from a run outside the model's intended use says so on its legend.
     *
     * @param series the geometry of the series the model ran on
     */
    public static OverlayLayer layer(Heatmap heatmap, VolumeGeometry series, boolean outsideIntendedUse) {
        OverlayLayer layer = layer(heatmap, series);
        if (outsideIntendedUse) {
            layer.setCaution(OUTSIDE_INTENDED_USE);
        }
        return layer;
    }

    /** @param series the geometry of the series the model ran on */
    public static OverlayLayer layer(Heatmap heatmap, VolumeGeometry series) {
        FloatVolume v = heatmap.volume();
        IntFunction<float[]> slices = StoredSlices.of(v, series);
        HeatmapVolume volume = new HeatmapVolume() {
            @Override public int columns() { return series.columns(); }
            @Override public int rows() { return series.rows(); }
            @Override public int slices() { return series.slices(); }
            @Override public float[] sliceOrNull(int k) { return slices.apply(k); }
        };
        boolean signed = Heatmap.OCCLUSION.equals(heatmap.kind());
        HeatmapStyle style;
        if (signed) {
            style = new HeatmapStyle(Colormap.DIVERGING, 0.6, 0, -Math.max(1e-6, Math.abs(v.max())), Math.max(1e-6, Math.abs(v.max())));
        } else if (Heatmap2D.RISE.equals(heatmap.kind())) {
            // RISE saliency is a mean score, not a probability: its own range, the upper half drawn at first.
            double high = Math.max(1e-6, v.max());
            style = new HeatmapStyle(Colormap.HOT, 0.6, high / 2, 0, high);
        } else {
            style = HeatmapStyle.probability(heatmap.threshold());
        }
        return OverlayLayer.heatmap("AI: " + heatmap.label(), volume, style);
    }
}
