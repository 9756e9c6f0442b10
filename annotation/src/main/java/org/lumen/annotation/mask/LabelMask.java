// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.mask;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.SortedSet;
import org.lumen.viewer.overlay.LabelVolume;

/**
 * A label volume on a series' voxel grid: one label (0 = none, 1–255 = a class) per voxel, kept
 * per slice and only for slices that have labels, so a 512×512×300 mask with a few lesions costs
 * a few slices of memory, not 75 MB. Voxel (i, j, k) is column i, row j of stored slice k, as in
 * {@code VolumeGeometry}; patient coordinates come from the series' geometry. Not thread-safe:
 * one editor at a time, copies for everyone else.
 */
public final class LabelMask implements LabelVolume {

    private final int columns;
    private final int rows;
    private final int slices;
    private final byte[][] planes;

    public LabelMask(int columns, int rows, int slices) {
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException("mask dimensions must be positive: " + columns + "x" + rows + "x" + slices);
        }
        this.columns = columns;
        this.rows = rows;
        this.slices = slices;
        this.planes = new byte[slices][];
    }

    @Override
    public int columns() { return columns; }

    @Override
    public int rows() { return rows; }

    @Override
    public int slices() { return slices; }

    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < columns && j < rows && k < slices;
    }

    /** The label of voxel (i, j, k); 0 outside the grid. */
    public int get(int i, int j, int k) {
        if (!contains(i, j, k)) {
            return 0;
        }
        byte[] plane = planes[k];
        return plane == null ? 0 : plane[j * columns + i] & 0xFF;
    }

    /** Sets voxel (i, j, k) to {@code label} (0 clears); ignores voxels outside the grid. Returns the previous label. */
    public int set(int i, int j, int k, int label) {
        if (label < 0 || label > 255) {
            throw new IllegalArgumentException("a label is 0..255, not " + label);
        }
        if (!contains(i, j, k)) {
            return 0;
        }
        byte[] plane = planes[k];
        if (plane == null) {
            if (label == 0) {
                return 0;
            }
            plane = new byte[columns * rows];
            planes[k] = plane;
        }
        int index = j * columns + i;
        int previous = plane[index] & 0xFF;
        plane[index] = (byte) label;
        return previous;
    }

    /** Slice k's labels, row-major, or null when it has none. Read-only: change voxels through {@link #set} or {@link #replaceSlice}. */
    @Override
    public byte[] sliceOrNull(int k) {
        return planes[k];
    }

    /** Replaces slice k (a copy of {@code labels} is kept; null or all-zero clears it). */
    public void replaceSlice(int k, byte[] labels) {
        Objects.checkIndex(k, slices);
        if (labels == null || isEmpty(labels)) {
            planes[k] = null;
            return;
        }
        if (labels.length != columns * rows) {
            throw new IllegalArgumentException("slice " + k + " needs " + columns * rows + " labels, not " + labels.length);
        }
        planes[k] = labels.clone();
    }

    /**
     * Hands slice k's labels over without a copy (decoders that just made the array): the caller
     * must not touch {@code labels} afterwards. Null clears the slice.
     */
    public void adoptSlice(int k, byte[] labels) {
        Objects.checkIndex(k, slices);
        if (labels != null && labels.length != columns * rows) {
            throw new IllegalArgumentException("slice " + k + " needs " + columns * rows + " labels, not " + labels.length);
        }
        planes[k] = labels;
    }

    /** Slices that hold at least one label. */
    public BitSet labelledSlices() {
        BitSet set = new BitSet(slices);
        for (int k = 0; k < slices; k++) {
            if (planes[k] != null && !isEmpty(planes[k])) {
                set.set(k);
            }
        }
        return set;
    }

    /** How many voxels carry {@code label}. */
    public long count(int label) {
        long n = 0;
        for (byte[] plane : planes) {
            if (plane != null) {
                for (byte b : plane) {
                    if ((b & 0xFF) == label) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** The labels present, ascending, without 0. */
    public SortedSet<Integer> labels() {
        boolean[] seen = new boolean[256];
        for (byte[] plane : planes) {
            if (plane != null) {
                for (byte b : plane) {
                    seen[b & 0xFF] = true;
                }
            }
        }
        SortedSet<Integer> labels = new TreeSet<>();
        for (int l = 1; l < 256; l++) {
            if (seen[l]) {
                labels.add(l);
            }
        }
        return labels;
    }

    public LabelMask copy() {
        LabelMask copy = new LabelMask(columns, rows, slices);
        for (int k = 0; k < slices; k++) {
            if (planes[k] != null) {
                copy.planes[k] = planes[k].clone();
            }
        }
        return copy;
    }

    /** Same grid and the same label in every voxel. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LabelMask m) || m.columns != columns || m.rows != rows || m.slices != slices) {
            return false;
        }
        for (int k = 0; k < slices; k++) {
            byte[] a = planes[k];
            byte[] b = m.planes[k];
            boolean aEmpty = a == null || isEmpty(a);
            boolean bEmpty = b == null || isEmpty(b);
            if (aEmpty != bEmpty || !aEmpty && !Arrays.equals(a, b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(columns, rows, slices);
        for (int k = 0; k < slices; k++) {
            if (planes[k] != null && !isEmpty(planes[k])) {
                h = 31 * h + k;
                h = 31 * h + Arrays.hashCode(planes[k]);
            }
        }
        return h;
    }

    private static boolean isEmpty(byte[] plane) {
        for (byte b : plane) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** How many voxels carry each value, 0 to 255 (index = value). */
    public long[] counts() {
        long[] counts = new long[256];
        long labelled = 0;
        for (int k = 0; k < slices; k++) {
            byte[] slice = sliceOrNull(k);
            if (slice != null) {
                for (byte b : slice) {
                    counts[b & 0xFF]++;
                }
            }
        }
        for (int v = 1; v < 256; v++) {
            labelled += counts[v];
        }
        counts[0] = (long) columns * rows * slices - labelled;
        return counts;
    }
}
