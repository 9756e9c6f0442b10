// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.Arrays;
import java.util.List;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * Draws a series' overlay layers for one view plane into premultiplied ARGB pixels of the plane's
 * size: each layer is sampled on the plane (stored slices directly, reformats voxel by voxel, the
 * same mapping as the image; the nearest stored slice where an irregular stack's reformat is resampled), coloured by its style and composited "over" the ones before it.
 * One renderer per viewport; its buffers are reused from frame to frame.
 */
public final class OverlayRenderer {

    private float[] values = new float[0];
    private byte[] labels = new byte[0];
    private boolean[] valid = new boolean[0];

    /**
     * Renders the visible layers of plane {@code n} into {@code out} (length width × height).
     * @return whether anything was drawn (false: {@code out} is all transparent)
     */
    public boolean render(List<OverlayLayer> layers, ViewPlane plane, int n, int[] out) {
        Arrays.fill(out, 0);
        boolean drawn = false;
        for (OverlayLayer layer : layers) {
            if (layer.visible() && layer.isHeatmap() && fits(layer.volume(), plane)) {
                drawn |= drawHeatmap((HeatmapVolume) layer.volume(), layer.heatmapStyle(), plane, n, out);
            }
        }
        for (OverlayLayer layer : layers) {
            if (layer.visible() && !layer.isHeatmap() && fits(layer.volume(), plane)) {
                drawn |= drawLabels((LabelVolume) layer.volume(), layer.labelStyle(), plane, n, out);
            }
        }
        return drawn;
    }

    /** An overlay is drawn only on the grid it was made for. */
    private static boolean fits(OverlayVolume v, ViewPlane plane) {
        var g = plane.geometry();
        return v.columns() == g.columns() && v.rows() == g.rows() && v.slices() == g.slices();
    }

    private boolean drawHeatmap(HeatmapVolume volume, HeatmapStyle style, ViewPlane plane, int n, int[] out) {
        int size = plane.width() * plane.height();
        if (values.length < size) {
            values = new float[size];
            valid = new boolean[size];
        }
        if (!sampleValues(volume, plane, n)) {
            return false;
        }
        boolean drawn = false;
        for (int p = 0; p < size; p++) {
            if (valid[p]) {
                int src = style.premultipliedArgb(values[p]);
                if (src != 0) {
                    out[p] = over(src, out[p]);
                    drawn = true;
                }
            }
        }
        return drawn;
    }

    private boolean drawLabels(LabelVolume volume, LabelStyle style, ViewPlane plane, int n, int[] out) {
        int w = plane.width();
        int h = plane.height();
        if (labels.length < w * h) {
            labels = new byte[w * h];
        }
        if (!sampleLabels(volume, plane, n)) {
            return false;
        }
        boolean drawn = false;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int label = labels[p] & 0xFF;
                if (label == 0) {
                    continue;
                }
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1
                        || labels[p - 1] != labels[p] || labels[p + 1] != labels[p]
                        || labels[p - w] != labels[p] || labels[p + w] != labels[p];
                int src = style.premultipliedArgb(label, edge);
                if (src != 0) {
                    out[p] = over(src, out[p]);
                    drawn = true;
                }
            }
        }
        return drawn;
    }

    /** Fills {@code values}/{@code valid} for the plane; false when no slice of the map is there. */
    private boolean sampleValues(HeatmapVolume volume, ViewPlane plane, int n) {
        int w = plane.width();
        int h = plane.height();
        boolean any = false;
        int[] v = new int[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                plane.voxelIndex(x, y, n, v);
                float[] slice = volume.sliceOrNull(v[2]);
                int p = y * w + x;
                valid[p] = slice != null;
                if (slice != null) {
                    values[p] = slice[v[1] * plane.geometry().columns() + v[0]];
                    any = true;
                }
            }
        }
        return any;
    }

    private boolean sampleLabels(LabelVolume volume, ViewPlane plane, int n) {
        int w = plane.width();
        int h = plane.height();
        boolean any = false;
        int[] v = new int[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                plane.voxelIndex(x, y, n, v);
                byte[] slice = volume.sliceOrNull(v[2]);
                byte label = slice == null ? 0 : slice[v[1] * plane.geometry().columns() + v[0]];
                labels[y * w + x] = label;
                any |= label != 0;
            }
        }
        return any;
    }

    /** Premultiplied "src over dst". */
    static int over(int src, int dst) {
        int sa = src >>> 24;
        if (sa == 255 || dst == 0) {
            return src;
        }
        int inv = 255 - sa;
        int a = sa + (dst >>> 24) * inv / 255;
        int r = (src >> 16 & 0xFF) + (dst >> 16 & 0xFF) * inv / 255;
        int g = (src >> 8 & 0xFF) + (dst >> 8 & 0xFF) * inv / 255;
        int b = (src & 0xFF) + (dst & 0xFF) * inv / 255;
        return a << 24 | r << 16 | g << 8 | b;
    }
}
