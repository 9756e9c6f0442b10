// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.grid.Grid;

/**
 * A sliding window over the model grid: patch-sized tiles whose starts step by at most
 * {@code patch·(1 − overlap)} along each axis, evenly spread from the grid's start to its end, so
 * every voxel is covered and neighbours share at least the overlap the card asks for. Tiles are ordered slice band by slice band, so
 * neighbouring tiles read the same source slices. An axis shorter than the patch gets one tile
 * that reaches past the grid (the sampler pads it).
 *
 * @param patch  patch size along i, j, k (k = 1 for 2D models, whose tiles step one slice at a time)
 * @param starts tile starts along each axis
 */
public record TilePlan(Grid grid, int[] patch, int[][] starts) {

    /** A tile's first voxel on the model grid. */
    public record Tile(int x, int y, int z) { }

    public static TilePlan of(Grid grid, int[] patch, double overlap) {
        int[][] starts = new int[3][];
        for (int a = 0; a < 3; a++) {
            starts[a] = starts(grid.size(a), patch[a], overlap);
        }
        return new TilePlan(grid, patch.clone(), starts);
    }

    /**
     * Tile starts along one axis: as few tiles as keep the overlap (within 2%: a grid one voxel
     * longer than a whole number of strides should not cost a row of tiles), spread evenly.
     */
    static int[] starts(int n, int p, double overlap) {
        if (n <= p) {
            return new int[] {0};
        }
        int stride = Math.max(1, (int) Math.floor(p * (1 - overlap)));
        int steps = Math.max(1, (int) Math.ceil((n - p) / (double) stride - 0.02));
        int[] starts = new int[steps + 1];
        for (int t = 0; t <= steps; t++) {
            starts[t] = (int) Math.round(t * (n - p) / (double) steps);
        }
        return starts;
    }

    public int tileCount() {
        return starts[0].length * starts[1].length * starts[2].length;
    }

    /** Every tile, z band by z band, then rows, then columns. */
    public List<Tile> tiles() {
        List<Tile> tiles = new ArrayList<>(tileCount());
        for (int z : starts[2]) {
            for (int y : starts[1]) {
                for (int x : starts[0]) {
                    tiles.add(new Tile(x, y, z));
                }
            }
        }
        return tiles;
    }

    /** How many voxels all tiles hold together (a measure of the work, overlap included). */
    public long tileVoxels() {
        return (long) tileCount() * patch[0] * patch[1] * patch[2];
    }
}
