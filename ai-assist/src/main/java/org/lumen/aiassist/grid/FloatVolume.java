// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import java.util.Objects;

/**
 * Float voxels on a grid, slice by slice (element {@code i + nx·j} of slice k): what a heatmap is,
 * plain data that the viewer draws, the catalog stores and NIfTI files carry. A slice that is all
 * zeros is not stored (null): heatmaps are mostly empty, and a 512×512×300 series would otherwise
 * cost 300 MiB per heatmap. Treat the arrays as read-only once shared.
 */
public final class FloatVolume {

    private final Grid grid;
    private final float[][] slices;

    /** @param slices one array of nx·ny values per slice, or null for an all-zero slice */
    public FloatVolume(Grid grid, float[][] slices) {
        this.grid = Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(slices, "slices");
        if (slices.length != grid.nz()) {
            throw new IllegalArgumentException("a " + grid + " has " + grid.nz() + " slices, got " + slices.length);
        }
        int plane = grid.nx() * grid.ny();
        for (float[] s : slices) {
            if (s != null && s.length != plane) {
                throw new IllegalArgumentException("a slice of a " + grid + " has " + plane + " values, got " + s.length);
            }
        }
        this.slices = slices;
    }

    /** A volume from one array in {@code i + nx·(j + ny·k)} order (copied; all-zero slices are dropped). */
    public static FloatVolume ofArray(Grid grid, float[] data) {
        if (data.length != grid.voxelCount()) {
            throw new IllegalArgumentException("a " + grid + " needs " + grid.voxelCount() + " values, got " + data.length);
        }
        int plane = grid.nx() * grid.ny();
        float[][] slices = new float[grid.nz()][];
        for (int k = 0; k < slices.length; k++) {
            for (int p = 0; p < plane; p++) {
                if (data[k * plane + p] != 0) {
                    slices[k] = java.util.Arrays.copyOfRange(data, k * plane, (k + 1) * plane);
                    break;
                }
            }
        }
        return new FloatVolume(grid, slices);
    }

    public Grid grid() { return grid; }

    /** Slice {@code k}'s values, or null when they are all zero. */
    public float[] slice(int k) { return slices[k]; }

    public float value(int i, int j, int k) {
        float[] s = slices[k];
        return s == null ? 0 : s[i + grid.nx() * j];
    }

    /** Slices that hold any non-zero value. */
    public int storedSlices() {
        int n = 0;
        for (float[] s : slices) {
            if (s != null) {
                n++;
            }
        }
        return n;
    }

    /** The largest value (an unstored slice counts as zeros). */
    public float max() {
        float max = Float.NEGATIVE_INFINITY;
        for (float[] s : slices) {
            if (s == null) {
                max = Math.max(max, 0);
                continue;
            }
            for (float v : s) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** Every voxel in one array, {@code i + nx·(j + ny·k)}: for writers that need it whole. */
    public float[] toArray() {
        float[] out = new float[grid.arrayLength()];
        int plane = grid.nx() * grid.ny();
        for (int k = 0; k < slices.length; k++) {
            if (slices[k] != null) {
                System.arraycopy(slices[k], 0, out, k * plane, plane);
            }
        }
        return out;
    }
}
