// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.viewport.ViewportState;

/**
 * The values of the visible heatmaps (AI heatmaps, parametric maps) under the cursor, read at the same
 * voxel as the image's value, so a probability map reads as its real value next to the HU.
 */
public final class HeatmapProbe {

    private HeatmapProbe() { }

    /** "Map: Lesion probability 0.830 {probability}" (with the map's units, if any) for each visible heatmap with a value at plane pixel (px, py); empty if none. */
    public static String describe(ViewportState view, double px, double py, List<OverlayLayer> layers) {
        ViewPlane plane = view.plane();
        int x = (int) Math.round(px);
        int y = (int) Math.round(py);
        if (x < 0 || y < 0 || x >= plane.width() || y >= plane.height()) {
            return "";
        }
        double[] v = plane.toVoxel(x, y, view.index());
        int i = (int) Math.round(v[0]);
        int j = (int) Math.round(v[1]);
        int k = (int) Math.round(v[2]);
        List<String> values = new ArrayList<>();
        for (OverlayLayer layer : layers) {
            if (!layer.visible() || !(layer.volume() instanceof HeatmapVolume h)
                    || i < 0 || j < 0 || k < 0 || i >= h.columns() || j >= h.rows() || k >= h.slices()) {
                continue;
            }
            float[] slice = h.sliceOrNull(k);
            float value = slice == null ? Float.NaN : slice[j * h.columns() + i];
            if (!Float.isNaN(value)) {
                values.add(layer.name() + " " + format(value) + (h.units().isEmpty() ? "" : " " + h.units()));
            }
        }
        return String.join("  ", values);
    }

    /** Three significant decimals for small values (diffusion in mm2/s is about 0.001), one for large ones. */
    static String format(float value) {
        float a = Math.abs(value);
        if (a != 0 && a < 0.01) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return String.format(Locale.ROOT, a < 10 ? "%.3f" : "%.1f", value);
    }
}
