// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.viewer.geometry.Vec3;

/**
 * Finds the findings in one class's heatmap: 3D connected components (26-connected) of voxels at
 * or above the class threshold; within a component, the prominent 3D local maxima (as ImageJ's
 * MaximumFinder judges them, in 3D) at least {@code minSeparationMm} apart each become a finding
 * and take the component voxels nearest them.
 * Each finding gets its peak as score, its score-weighted centre, its patient-space extent and its
 * volume. Memory beyond the heatmap is one bit per voxel plus the components themselves.
 */
public final class FindingExtractor {

    /**
     * Components larger than this (256 Ki voxels: 125 mL at 0.7 × 0.7 × 1 mm) are one finding, not
     * split into maxima: a region that size is one structure (an organ, not a nodule), and the
     * analysis costs about a microsecond per voxel.
     */
    static final int SPLIT_LIMIT = 1 << 18;

    private final FindingOptions options;

    public FindingExtractor(FindingOptions options) {
        this.options = options;
    }

    /** Findings of one class, unranked (rank 0) and in no particular order; {@link NonMaximumSuppression} ranks them. */
    public List<Finding> extract(FloatVolume heatmap, double threshold, int classIndex, String label, Provenance provenance) {
        Grid g = heatmap.grid();
        Voxels data = new Voxels(heatmap);
        float t = (float) threshold;
        BitSet seen = new BitSet(g.arrayLength());
        List<Finding> findings = new ArrayList<>();
        IntList queue = new IntList();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int plane = nx * ny;
        for (int sk = 0; sk < g.nz(); sk++) {
            float[] slice = heatmap.slice(sk);
            if (slice == null) {
                continue;
            }
            for (int p = 0; p < plane; p++) {
                int start = sk * plane + p;
                if (slice[p] < t || seen.get(start)) {
                    continue;
                }
                queue.clear();
                queue.add(start);
                seen.set(start);
                for (int head = 0; head < queue.size(); head++) {
                    int v = queue.get(head);
                    int k = v / plane;
                    int inPlane = v - k * plane;
                    int j = inPlane / nx;
                    int i = inPlane - j * nx;
                    for (int kk = Math.max(0, k - 1); kk <= Math.min(nz - 1, k + 1); kk++) {
                        float[] values = heatmap.slice(kk);
                        if (values == null) {
                            continue;
                        }
                        for (int jj = Math.max(0, j - 1); jj <= Math.min(ny - 1, j + 1); jj++) {
                            int row = jj * nx;
                            int base = kk * plane + row;
                            for (int ii = Math.max(0, i - 1); ii <= Math.min(nx - 1, i + 1); ii++) {
                                if (values[row + ii] >= t && !seen.get(base + ii)) {
                                    seen.set(base + ii);
                                    queue.add(base + ii);
                                }
                            }
                        }
                    }
                }
                findings.addAll(split(g, data, queue.toArray(), classIndex, label, provenance));
            }
        }
        return findings;
    }

    /** Voxel values by linear index over a slice-wise volume (missing slices read as 0). */
    private static final class Voxels {
        private final float[][] slices;
        private final int plane;

        Voxels(FloatVolume volume) {
            Grid g = volume.grid();
            this.plane = g.nx() * g.ny();
            this.slices = new float[g.nz()][];
            for (int k = 0; k < slices.length; k++) {
                slices[k] = volume.slice(k);
            }
        }

        float get(int v) {
            float[] s = slices[v / plane];
            return s == null ? 0 : s[v % plane];
        }
    }

    /** One finding per well-separated maximum of a component (very large components are one finding). */
    private List<Finding> split(Grid g, Voxels data, int[] component, int classIndex, String label, Provenance provenance) {
        int[] peaks = component.length > SPLIT_LIMIT ? new int[] {component[0]} : peaks(g, data, component);
        int[][] parts = assign(g, component, peaks);
        List<Finding> out = new ArrayList<>(parts.length);
        double voxelVolume = g.voxelVolume();
        for (int[] part : parts) {
            double volume = part.length * voxelVolume;
            if (part.length == 0 || volume < options.minVolumeMm3()) {
                continue;
            }
            out.add(describe(g, data, part, classIndex, label, provenance));
        }
        return out;
    }

    /**
     * The component's real maxima, strongest first: the maxima whose prominence (how far one must
     * descend from them to reach a stronger one) is at least the option's, found in one pass over
     * the voxels from the highest down with a union-find (topological persistence, as ImageJ's
     * MaximumFinder judges maxima); then none within minSeparationMm of a stronger one.
     */
    private int[] peaks(Grid g, Voxels data, int[] component) {
        int n = component.length;
        IntIntMap local = new IntIntMap(n);
        long[] order = new long[n];
        for (int p = 0; p < n; p++) {
            local.put(component[p], p);
            order[p] = ((long) sortable(data.get(component[p])) << 32) | (0xFFFFFFFFL & ~p);
        }
        Arrays.sort(order);
        int[] parent = new int[n];
        int[] size = new int[n];
        int[] peak = new int[n];
        boolean[] done = new boolean[n];
        IntList real = new IntList();
        float prominence = (float) options.prominence();
        for (int o = n - 1; o >= 0; o--) {
            int p = ~(int) order[o];
            int v = component[p];
            float level = data.get(v);
            parent[p] = p;
            size[p] = 1;
            peak[p] = p;
            done[p] = true;
            int rp = p;
            int i = v % g.nx();
            int j = (v / g.nx()) % g.ny();
            int k = v / (g.nx() * g.ny());
            for (int dk = -1; dk <= 1; dk++) {
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int ii = i + di;
                        int jj = j + dj;
                        int kk = k + dk;
                        if ((di | dj | dk) == 0 || ii < 0 || jj < 0 || kk < 0 || ii >= g.nx() || jj >= g.ny() || kk >= g.nz()) {
                            continue;
                        }
                        int q = local.get(g.index(ii, jj, kk));
                        if (q < 0 || !done[q]) {
                            continue;
                        }
                        int rq = find(parent, q);
                        if (rp == rq) {
                            continue;
                        }
                        // Two rising regions meet at this level: the lower peak stays a finding only if it stands high enough.
                        float hp = data.get(component[peak[rp]]);
                        float hq = data.get(component[peak[rq]]);
                        boolean pHigher = hp > hq || hp == hq && peak[rp] < peak[rq];
                        int high = pHigher ? rp : rq;
                        int low = pHigher ? rq : rp;
                        if (data.get(component[peak[low]]) - level >= prominence) {
                            real.add(component[peak[low]]);
                        }
                        // Union by size keeps the trees shallow; the merged region keeps the higher peak.
                        int keep = size[rp] >= size[rq] ? rp : rq;
                        int drop = keep == rp ? rq : rp;
                        parent[drop] = keep;
                        size[keep] += size[drop];
                        peak[keep] = peak[high];
                        rp = keep;
                    }
                }
            }
        }
        real.add(component[peak[find(parent, 0)]]);
        Integer[] ranked = new Integer[real.size()];
        for (int r = 0; r < ranked.length; r++) {
            ranked[r] = real.get(r);
        }
        Arrays.sort(ranked, (a, b) -> Float.compare(data.get(b), data.get(a)) != 0 ? Float.compare(data.get(b), data.get(a))
                : Integer.compare(a, b));
        List<Vec3> keptAt = new ArrayList<>();
        IntList kept = new IntList();
        for (int v : ranked) {
            Vec3 p = position(g, v);
            if (keptAt.stream().noneMatch(q -> p.distance(q) < options.minSeparationMm())) {
                kept.add(v);
                keptAt.add(p);
            }
        }
        return kept.toArray();
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            parent[p] = parent[parent[p]];
            p = parent[p];
        }
        return p;
    }

    /** A float's order as an int (for sorting floats as integers). */
    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    /** Voxel index to position in the component: an open-addressing map, no boxing (components can be large). */
    private static final class IntIntMap {
        private final int[] keys;
        private final int[] values;
        private final int mask;

        IntIntMap(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            keys = new int[capacity];
            values = new int[capacity];
            mask = capacity - 1;
            Arrays.fill(keys, -1);
        }

        void put(int key, int value) {
            int at = mix(key) & mask;
            while (keys[at] != -1 && keys[at] != key) {
                at = (at + 1) & mask;
            }
            keys[at] = key;
            values[at] = value;
        }

        /** The value, or -1. */
        int get(int key) {
            int at = mix(key) & mask;
            while (keys[at] != -1) {
                if (keys[at] == key) {
                    return values[at];
                }
                at = (at + 1) & mask;
            }
            return -1;
        }

        private static int mix(int x) {
            int h = x * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    /** Each component voxel to its nearest peak (in mm). */
    private static int[][] assign(Grid g, int[] component, int[] peaks) {
        if (peaks.length == 1) {
            return new int[][] {component};
        }
        Vec3[] at = new Vec3[peaks.length];
        for (int p = 0; p < peaks.length; p++) {
            at[p] = position(g, peaks[p]);
        }
        IntList[] parts = new IntList[peaks.length];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = new IntList();
        }
        for (int v : component) {
            Vec3 x = position(g, v);
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int p = 0; p < at.length; p++) {
                double d = x.distance(at[p]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = p;
                }
            }
            parts[best].add(v);
        }
        int[][] out = new int[parts.length][];
        for (int p = 0; p < parts.length; p++) {
            out[p] = parts[p].toArray();
        }
        return out;
    }

    private static Finding describe(Grid g, Voxels data, int[] part, int classIndex, String label, Provenance provenance) {
        double sw = 0;
        double si = 0;
        double sj = 0;
        double sk = 0;
        double peak = Double.NEGATIVE_INFINITY;
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] o = g.origin().toArray();
        double[][] step = {g.iStep().toArray(), g.jStep().toArray(), g.kStep().toArray()};
        int plane = g.nx() * g.ny();
        for (int v : part) {
            int i = v % g.nx();
            int j = (v / g.nx()) % g.ny();
            int k = v / plane;
            double w = data.get(v);
            sw += w;
            si += w * i;
            sj += w * j;
            sk += w * k;
            peak = Math.max(peak, w);
            for (int d = 0; d < 3; d++) {
                double x = o[d] + i * step[0][d] + j * step[1][d] + k * step[2][d];
                min[d] = Math.min(min[d], x);
                max[d] = Math.max(max[d], x);
            }
        }
        // A voxel reaches half a step beyond its centre along each grid axis.
        double[] extent = new double[3];
        for (int d = 0; d < 3; d++) {
            double half = (Math.abs(step[0][d]) + Math.abs(step[1][d]) + Math.abs(step[2][d])) / 2;
            extent[d] = max[d] - min[d] + 2 * half;
        }
        Vec3 centre = g.toPatient(si / sw, sj / sw, sk / sw);
        return new Finding(0, label, classIndex, peak, centre, extent, part.length * g.voxelVolume(), part.length, provenance);
    }

    private static Vec3 position(Grid g, int v) {
        int i = v % g.nx();
        int j = (v / g.nx()) % g.ny();
        int k = v / (g.nx() * g.ny());
        return g.toPatient(i, j, k);
    }

    /** A growable int array: components can be large, boxed lists would triple their memory. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int n) { return values[n]; }

        int size() { return size; }

        void clear() { size = 0; }

        int[] toArray() { return Arrays.copyOf(values, size); }
    }
}
