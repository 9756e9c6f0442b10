// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import org.lumen.aiassist.model.SpatialOrder;

/**
 * Where voxel (x, y, z) of channel c of one batch item lies in a dense tensor, for either spatial
 * order: ZYX ([C, k, j, i]) or XYZ ([C, i, j, k]). Patches are pi × pj × pk voxels (pk = 1 for 2D).
 * Channels are outermost in both orders.
 */
public record TensorLayout(SpatialOrder order, int channels, int pi, int pj, int pk) {

    public int itemSize() {
        return channels * pi * pj * pk;
    }

    public int spatialSize() {
        return pi * pj * pk;
    }

    public int index(int c, int x, int y, int z) {
        return order == SpatialOrder.ZYX
                ? ((c * pk + z) * pj + y) * pi + x
                : ((c * pi + x) * pj + y) * pk + z;
    }

    /** Distance between neighbours along x. */
    public int strideX() {
        return order == SpatialOrder.ZYX ? 1 : pj * pk;
    }

    /** The tensor shape [batch, C, spatial…] for a rank-4 (2D) or rank-5 (3D) tensor. */
    public long[] shape(int batch, int rank) {
        if (rank == 4) {
            return order == SpatialOrder.ZYX ? new long[] {batch, channels, pj, pi} : new long[] {batch, channels, pi, pj};
        }
        return order == SpatialOrder.ZYX ? new long[] {batch, channels, pk, pj, pi} : new long[] {batch, channels, pi, pj, pk};
    }
}
