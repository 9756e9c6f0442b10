// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Objects;

/**
 * A phantom rendered in memory: modality values (HU for CT) and labels for every voxel of its grid,
 * indexed as {@link VoxelGrid#index(int, int, int)}.
 */
public record PhantomVolume(VoxelGrid grid, short[] values, byte[] labels) {

    public PhantomVolume {
        Objects.requireNonNull(grid, "grid");
        if (values.length != grid.size().voxelCount() || labels.length != grid.size().voxelCount()) {
            throw new IllegalArgumentException("a " + grid.size() + " volume needs " + grid.size().voxelCount()
                    + " values and labels, got " + values.length + " and " + labels.length);
        }
    }

    /** Modality value of voxel (i, j, k). */
    public int value(int i, int j, int k) { return values[grid.index(i, j, k)]; }

    /** Label of voxel (i, j, k), 0..255. */
    public int label(int i, int j, int k) { return labels[grid.index(i, j, k)] & 0xFF; }
}
