// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Breadth-first region growing on a grid of d0 × d1 × d2 cells (a volume, or one plane with d2 = 1),
 * shared by flood fill, seeded heatmap masks and connected components. Remembers what it has visited
 * across calls, one bit set per slice and only for slices it reached, so labelling every component
 * of a sparse mask costs memory in proportion to the labelled slices.
 */
final class RegionGrower {

    /** Whether a cell belongs to the region. */
    @FunctionalInterface
    interface Inside {
        boolean test(int a, int b, int c);
    }

    /** A grown region: {@code size} packed cell indices {@code a + d0·(b + d1·c)}, or an exceeded bound. */
    record Region(long[] cells, int size, boolean exceeded) { }

    private static final int MAX_CELLS = Integer.MAX_VALUE - 8;

    private final int d0;
    private final int d1;
    private final int d2;
    private final int[][] offsets;
    private final BitSet[] visited;

    RegionGrower(int d0, int d1, int d2, Connectivity connectivity) {
        this.d0 = d0;
        this.d1 = d1;
        this.d2 = d2;
        this.offsets = connectivity.offsets();
        this.visited = new BitSet[d2];
    }

    boolean visited(int a, int b, int c) {
        BitSet bits = visited[c];
        return bits != null && bits.get(a + d0 * b);
    }

    /**
     * Grows the region of cells connected to the seed for which {@code inside} holds. Stops, marking
     * the region exceeded, as soon as it has more than {@code max} cells. The seed must be inside.
     */
    Region grow(int a, int b, int c, Inside inside, long max) {
        int limit = (int) Math.min(max, MAX_CELLS);
        long[] cells = new long[16];
        int size = 0;
        int head = 0;
        mark(a, b, c);
        cells[size++] = pack(a, b, c);
        while (head < size) {
            long cell = cells[head++];
            int ca = (int) (cell % d0);
            long rest = cell / d0;
            int cb = (int) (rest % d1);
            int cc = (int) (rest / d1);
            for (int[] o : offsets) {
                int na = ca + o[0];
                int nb = cb + o[1];
                int nc = cc + o[2];
                if (na < 0 || nb < 0 || nc < 0 || na >= d0 || nb >= d1 || nc >= d2 || visited(na, nb, nc)
                        || !inside.test(na, nb, nc)) {
                    continue;
                }
                if (size >= limit) {
                    return new Region(cells, size, true);
                }
                mark(na, nb, nc);
                if (size == cells.length) {
                    cells = Arrays.copyOf(cells, (int) Math.min((long) cells.length * 2, MAX_CELLS));
                }
                cells[size++] = pack(na, nb, nc);
            }
        }
        return new Region(cells, size, false);
    }

    long pack(int a, int b, int c) {
        return a + (long) d0 * (b + (long) d1 * c);
    }

    int a(long cell) { return (int) (cell % d0); }

    int b(long cell) { return (int) (cell / d0 % d1); }

    int c(long cell) { return (int) (cell / d0 / d1); }

    private void mark(int a, int b, int c) {
        BitSet bits = visited[c];
        if (bits == null) {
            bits = new BitSet(d0 * d1);
            visited[c] = bits;
        }
        bits.set(a + d0 * b);
    }
}
