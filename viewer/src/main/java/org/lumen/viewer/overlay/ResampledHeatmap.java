// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * A map on its own grid (a parametric map's frames) shown as a heatmap on another series' stored
 * slices: each pixel of a series slice takes the map's value at the same patient position, trilinear
 * between the map's voxels, NaN (drawn transparent) outside the map. A slice is resampled when first
 * drawn and kept; grids that coincide give the map's values exactly. A map that cannot be placed by
 * position (another frame of reference, or no usable positions) is placed slice by slice by the images its
 * frames were derived from ({@link MapPlacement}). Values are real-world values ({@link MapValues}).
 */
public final class ResampledHeatmap implements HeatmapVolume {

    private final float[] values;
    private final VolumeGeometry map;
    private final VolumeGeometry series;
    private final float low;
    private final float high;
    /** Series slice → map slice when placed by the map's source-image references; null when placed by position. */
    private final int[] referenced;
    /** By reference: map column = a·i + b, map row = c·j + d for series pixel (i, j). */
    private final double[] inPlane;
    private final String units;
    private final String note;
    private final ConcurrentMap<Integer, float[]> resampled = new ConcurrentHashMap<>();

    /**
     * @param values the map's values, slice after slice (k, then j, then i) on {@code map}
     */
    public ResampledHeatmap(float[] values, VolumeGeometry map, VolumeGeometry series) {
        this(values, map, series, null, null, "", "");
    }

    private ResampledHeatmap(float[] values, VolumeGeometry map, VolumeGeometry series, int[] referenced, double[] inPlane,
                             String units, String note) {
        if (values.length != (long) map.columns() * map.rows() * map.slices()) {
            throw new IllegalArgumentException("a " + map.columns() + "x" + map.rows() + "x" + map.slices() + " map needs "
                    + (long) map.columns() * map.rows() * map.slices() + " values, not " + values.length);
        }
        this.values = values;
        this.map = map;
        this.series = series;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        this.low = lo <= hi ? lo : 0;
        this.high = lo <= hi ? hi : 0;
        this.referenced = referenced;
        this.inPlane = inPlane;
        this.units = units;
        this.note = note;
    }

    /** Reads every slice of a loaded (or loadable) map volume into one array; call off the FX thread. */
    public static ResampledHeatmap of(Volume map, VolumeGeometry series) throws UnusableFileException {
        VolumeGeometry g = map.geometry();
        int plane = g.columns() * g.rows();
        float[] values = new float[plane * g.slices()];
        for (int k = 0; k < g.slices(); k++) {
            VoxelSlice s = map.slice(k);
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    values[k * plane + j * g.columns() + i] = (float) s.value(i, j);
                }
            }
        }
        return new ResampledHeatmap(values, g, series);
    }

    /**
     * Decodes every frame of a map's stack (each instance once, values after its modality LUT and its Real World
     * Value Mapping) without the shared pixel cache, as the map is held whole, and places it by patient position;
     * call off the FX thread.
     */
    public static ResampledHeatmap of(StackPlan map, VolumeGeometry series) throws UnusableFileException {
        MapValues values = MapValues.decode(map);
        return new ResampledHeatmap(values.values(), map.geometry(), series, null, null, values.units(), "");
    }

    /**
     * Decodes a map (as {@link #of(StackPlan, VolumeGeometry)}) and places it on {@code series}: by patient position
     * when both share a frame of reference and the map's positions make a stack; otherwise slice by slice by the
     * images its frames were derived from (SOP Instance UID → series slice), not by its own positions. The note says
     * how it was placed where that is not plain, and where positions and references disagree by more than half a
     * slice. Call off the FX thread.
     */
    public static ResampledHeatmap place(StackPlan map, StackPlan series, boolean sameFrameOfReference) throws UnusableFileException {
        MapValues values = MapValues.decode(map);
        MapPlacement placement = MapPlacement.of(map, series, sameFrameOfReference);
        return new ResampledHeatmap(values.values(), map.geometry(), series.geometry(), placement.referenced(), placement.inPlane(),
                values.units(), placement.note());
    }

    /** The units of the map's real-world values ("mm2/s", "{probability}"); empty when it names none. */
    @Override
    public String units() { return units; }

    /** How the map was placed where that is worth a word (by references; positions disagreeing); empty otherwise. */
    public String note() { return note; }

    /** The smallest finite value of the map (0 when it has none). */
    public float low() { return low; }

    /** The largest finite value of the map (0 when it has none). */
    public float high() { return high; }

    /** The style a map starts with: its own range, hot colours, shown from the middle of the range up. */
    public HeatmapStyle initialStyle() {
        double lo = low;
        double hi = high > low ? high : low + 1;
        return new HeatmapStyle(Colormap.HOT, 0.6, lo + (hi - lo) / 2, lo, hi);
    }

    @Override public int columns() { return series.columns(); }

    @Override public int rows() { return series.rows(); }

    @Override public int slices() { return series.slices(); }

    @Override
    public float[] sliceOrNull(int k) {
        if (k < 0 || k >= series.slices()) {
            return null;
        }
        float[] s = resampled.computeIfAbsent(k, this::resample);
        return s.length == 0 ? null : s;
    }

    /** The map's value at series voxel (i, j, k); NaN outside the map. */
    public float valueAt(int i, int j, int k) {
        float[] s = sliceOrNull(k);
        return s == null ? Float.NaN : s[j * series.columns() + i];
    }

    /** Slice k on the series grid; empty when no pixel of it falls in the map. */
    private float[] resample(int k) {
        if (referenced != null) {
            return resampleReferenced(k);
        }
        // Series (i, j) → map (u, v, w) is affine within one series slice: origin plus two steps.
        double[] o = map.toVoxel(series.toPatient(0, 0, k));
        double[] a = map.toVoxel(series.toPatient(1, 0, k));
        double[] b = map.toVoxel(series.toPatient(0, 1, k));
        double[] di = {a[0] - o[0], a[1] - o[1], a[2] - o[2]};
        double[] dj = {b[0] - o[0], b[1] - o[1], b[2] - o[2]};
        int cols = series.columns();
        float[] out = new float[cols * series.rows()];
        boolean any = false;
        for (int j = 0; j < series.rows(); j++) {
            for (int i = 0; i < cols; i++) {
                float v = sample(o[0] + i * di[0] + j * dj[0], o[1] + i * di[1] + j * dj[1], o[2] + i * di[2] + j * dj[2]);
                out[j * cols + i] = v;
                any |= !Float.isNaN(v);
            }
        }
        return any ? out : new float[0];
    }

    /** Slice k from the map slice derived from it, scaled in plane; empty when no map frame names it. */
    private float[] resampleReferenced(int k) {
        int m = referenced[k];
        if (m < 0) {
            return new float[0];
        }
        int cols = series.columns();
        float[] out = new float[cols * series.rows()];
        boolean any = false;
        for (int j = 0; j < series.rows(); j++) {
            double v = inPlane[2] * j + inPlane[3];
            for (int i = 0; i < cols; i++) {
                float value = sample(inPlane[0] * i + inPlane[1], v, m);
                out[j * cols + i] = value;
                any |= !Float.isNaN(value);
            }
        }
        return any ? out : new float[0];
    }

    /** Trilinear between the map's voxel centres; half a voxel past the edge still reads the edge voxel. */
    private float sample(double u, double v, double w) {
        int nx = map.columns();
        int ny = map.rows();
        int nz = map.slices();
        if (u < -0.5 || v < -0.5 || w < -0.5 || u > nx - 0.5 || v > ny - 0.5 || w > nz - 0.5) {
            return Float.NaN;
        }
        u = Math.clamp(u, 0, nx - 1);
        v = Math.clamp(v, 0, ny - 1);
        w = Math.clamp(w, 0, nz - 1);
        int x0 = Math.min((int) u, nx - 1);
        int y0 = Math.min((int) v, ny - 1);
        int z0 = Math.min((int) w, nz - 1);
        int x1 = Math.min(x0 + 1, nx - 1);
        int y1 = Math.min(y0 + 1, ny - 1);
        int z1 = Math.min(z0 + 1, nz - 1);
        double fx = u - x0;
        double fy = v - y0;
        double fz = w - z0;
        double c0 = lerp2(z0, x0, x1, y0, y1, fx, fy);
        double c1 = fz == 0 ? c0 : lerp2(z1, x0, x1, y0, y1, fx, fy);
        return (float) (c0 + (c1 - c0) * fz);
    }

    private double lerp2(int z, int x0, int x1, int y0, int y1, double fx, double fy) {
        int base = z * map.columns() * map.rows();
        double top = at(base, x0, y0) + (at(base, x1, y0) - at(base, x0, y0)) * fx;
        if (fy == 0) {
            return top;
        }
        double bottom = at(base, x0, y1) + (at(base, x1, y1) - at(base, x0, y1)) * fx;
        return top + (bottom - top) * fy;
    }

    private double at(int base, int x, int y) {
        return values[base + y * map.columns() + x];
    }
}
