// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.List;
import org.lumen.viewer.geometry.Vec3;

/**
 * What turning a heatmap into a mask did.
 *
 * @param regionVoxels  voxels at or above the threshold that were taken (painted or already labelled)
 * @param changedVoxels voxels whose label changed
 * @param components    seeded regions taken (0 for a plain threshold)
 * @param missedSeeds   seeds whose voxel lies below the threshold or outside the grid: no region was taken for them
 */
public record HeatmapResult(long regionVoxels, long changedVoxels, int components, List<Vec3> missedSeeds) {

    public HeatmapResult {
        missedSeeds = List.copyOf(missedSeeds);
    }
}
