// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.lumen.annotation.mask.LabelMask;

/**
 * The lesions of a mask: connected components of equal labels (6-connectivity: voxels sharing a
 * face), found on runs along rows with union-find. Working on runs instead of voxels keeps a
 * 512×512×300 mask with a few lesions at a few thousand elements, not 78 million.
 */
final class LesionComponents {

    /** 6-connectivity: neighbours along the row, the column and the slice axis. */
    static final int CONNECTIVITY = 6;

    private final int rows;
    private int count;
    private int[] slice = new int[64];
    private int[] row = new int[64];
    private int[] start = new int[64];
    private int[] end = new int[64];
    private int[] label = new int[64];
    private int[] parent = new int[64];
    /** Row key (slice·rows + row) → {first run, number of runs}. */
    private final Map<Long, int[]> rowRuns = new HashMap<>();

    private LesionComponents(int rows) {
        this.rows = rows;
    }

    static LesionComponents of(LabelMask mask) {
        LesionComponents c = new LesionComponents(mask.rows());
        int columns = mask.columns();
        BitSet labelled = mask.labelledSlices();
        for (int k = labelled.nextSetBit(0); k >= 0; k = labelled.nextSetBit(k + 1)) {
            byte[] plane = mask.sliceOrNull(k);
            for (int j = 0; j < mask.rows(); j++) {
                int first = c.count;
                int base = j * columns;
                for (int i = 0; i < columns; ) {
                    int value = plane[base + i] & 0xFF;
                    if (value == 0) {
                        i++;
                        continue;
                    }
                    int e = i + 1;
                    while (e < columns && (plane[base + e] & 0xFF) == value) {
                        e++;
                    }
                    c.add(k, j, i, e, value);
                    i = e;
                }
                if (c.count > first) {
                    c.rowRuns.put(c.key(k, j), new int[] {first, c.count - first});
                    if (j > 0) {
                        c.connect(first, c.count - first, c.rowRuns.get(c.key(k, j - 1)));
                    }
                    if (k > 0) {
                        c.connect(first, c.count - first, c.rowRuns.get(c.key(k - 1, j)));
                    }
                }
            }
        }
        return c;
    }

    private long key(int k, int j) {
        return (long) k * rows + j;
    }

    private void add(int k, int j, int s, int e, int value) {
        if (count == slice.length) {
            int n = count * 2;
            slice = Arrays.copyOf(slice, n);
            row = Arrays.copyOf(row, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            label = Arrays.copyOf(label, n);
            parent = Arrays.copyOf(parent, n);
        }
        slice[count] = k;
        row[count] = j;
        start[count] = s;
        end[count] = e;
        label[count] = value;
        parent[count] = count;
        count++;
    }

    /** Joins the runs [first, first+n) with the overlapping runs of equal label in {@code other} (a neighbouring row). */
    private void connect(int first, int n, int[] other) {
        if (other == null) {
            return;
        }
        forOverlaps(this, first, n, this, other[0], other[1], (a, b) -> union(a, b));
    }

    /** Calls {@code action} for each pair of overlapping runs of equal label in two sorted run lists. */
    static void forOverlaps(LesionComponents x, int xFirst, int xCount, LesionComponents y, int yFirst, int yCount, Pair action) {
        int p = xFirst;
        int q = yFirst;
        int pEnd = xFirst + xCount;
        int qEnd = yFirst + yCount;
        while (p < pEnd && q < qEnd) {
            if (x.start[p] < y.end[q] && y.start[q] < x.end[p] && x.label[p] == y.label[q]) {
                action.apply(p, q);
            }
            if (x.end[p] < y.end[q]) {
                p++;
            } else {
                q++;
            }
        }
    }

    @FunctionalInterface
    interface Pair {
        void apply(int a, int b);
    }

    int root(int run) {
        int r = run;
        while (parent[r] != r) {
            parent[r] = parent[parent[r]];
            r = parent[r];
        }
        return r;
    }

    private void union(int a, int b) {
        int ra = root(a);
        int rb = root(b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    int runs() {
        return count;
    }

    int labelOf(int run) {
        return label[run];
    }

    Iterable<Long> rowKeys() {
        return rowRuns.keySet();
    }

    int[] runsOfKey(long key) {
        return rowRuns.get(key);
    }

    /** One component: its label, its voxel count and the sums of its voxels' indices (for the centroid). */
    record Component(int label, long voxels, double sumI, double sumJ, double sumK) {
        double[] centroid() {
            return new double[] {sumI / voxels, sumJ / voxels, sumK / voxels};
        }
    }

    /** Every component, in the order of its first run (slice, then row, then column). */
    java.util.List<Component> components() {
        Map<Integer, double[]> sums = new java.util.LinkedHashMap<>();
        for (int r = 0; r < count; r++) {
            int length = end[r] - start[r];
            double[] s = sums.computeIfAbsent(root(r), x -> new double[5]);
            s[0] = label[r];
            s[1] += length;
            // Columns start..end-1: their sum is length · (start + end - 1) / 2.
            s[2] += length * (start[r] + end[r] - 1) / 2.0;
            s[3] += (double) length * row[r];
            s[4] += (double) length * slice[r];
        }
        return sums.values().stream().map(s -> new Component((int) s[0], (long) s[1], s[2], s[3], s[4])).toList();
    }

    /** How many components carry each label (index 1–255). */
    int[] componentsPerLabel() {
        int[] perLabel = new int[256];
        for (int r = 0; r < count; r++) {
            if (root(r) == r) {
                perLabel[label[r]]++;
            }
        }
        return perLabel;
    }
}
