// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import java.util.function.IntFunction;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Values on a series' grid ({@link Grid#of(VolumeGeometry)}: a heatmap) as values on the series'
 * stored slices, the ones the viewer shows and labels are painted on. For a regular series that is
 * the same grid; for an irregular stack each stored slice takes the heatmap at its own true position,
 * blended linearly between the two uniform slices around it (ADR 0014).
 */
public final class StoredSlices {

    private StoredSlices() { }

    /** Slice k of {@code onGrid} on stored slice k of {@code series} (null where all zeros). */
    public static IntFunction<float[]> of(FloatVolume onGrid, VolumeGeometry series) {
        Grid g = onGrid.grid();
        if (series.isRegular()) {
            requireSize(g, series.columns(), series.rows(), series.slices());
            return onGrid::slice;
        }
        VolumeGeometry uniform = series.uniform();
        requireSize(g, uniform.columns(), uniform.rows(), uniform.slices());
        int nx = g.nx();
        int ny = g.ny();
        int m = g.nz();
        float[] zeros = new float[nx * ny];
        float[][] stored = new float[series.slices()][];
        for (int k = 0; k < stored.length; k++) {
            double u = Math.clamp(series.uniformSliceAtStored(k), 0, m - 1);
            int m0 = Math.min((int) u, Math.max(0, m - 2));
            int m1 = Math.min(m0 + 1, m - 1);
            float f = (float) (u - m0);
            float[] a = onGrid.slice(m0);
            float[] b = f == 0 ? a : onGrid.slice(m1);
            if (a == null && b == null) {
                continue;
            }
            a = a == null ? zeros : a;
            b = b == null ? zeros : b;
            float[] out = new float[nx * ny];
            Vec3 offset = series.offsetFromLine(k);
            double di = offset.dot(series.rowDirection()) / series.columnSpacing();
            double dj = offset.dot(series.columnDirection()) / series.rowSpacing();
            if (Math.abs(di) < 1e-6 && Math.abs(dj) < 1e-6) {
                for (int p = 0; p < out.length; p++) {
                    out[p] = a[p] + (b[p] - a[p]) * f;
                }
            } else {
                // Stored voxel (i, j) lies at uniform voxel (i + di, j + dj).
                InPlane.shiftBlend(a, b, f, nx, ny, di, dj, out);
            }
            stored[k] = out;
        }
        return k -> stored[k];
    }

    private static void requireSize(Grid g, int nx, int ny, int nz) {
        if (g.nx() != nx || g.ny() != ny || g.nz() != nz) {
            throw new IllegalArgumentException("a " + g + " is not on the series' grid of " + nx + "x" + ny + "x" + nz);
        }
    }
}
