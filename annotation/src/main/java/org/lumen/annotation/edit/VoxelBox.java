// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

/** An inclusive box of voxel indices, e.g. the extent of a connected component. */
public record VoxelBox(int minI, int minJ, int minK, int maxI, int maxJ, int maxK) {

    public VoxelBox {
        if (minI > maxI || minJ > maxJ || minK > maxK) {
            throw new IllegalArgumentException("a voxel box needs min <= max on every axis");
        }
    }

    public boolean contains(int i, int j, int k) {
        return i >= minI && i <= maxI && j >= minJ && j <= maxJ && k >= minK && k <= maxK;
    }

    /** Voxels along i, j and k. */
    public int[] size() {
        return new int[] {maxI - minI + 1, maxJ - minJ + 1, maxK - minK + 1};
    }
}
