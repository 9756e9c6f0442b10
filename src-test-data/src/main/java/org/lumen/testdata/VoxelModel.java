// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.SortedMap;

/**
 * A phantom defined in patient space: which label each point has, and which modality value
 * (HU for CT, signal for MR) each label shows. Implementations must be safe for concurrent reads.
 */
public interface VoxelModel {

    /** The label (0..255) at a point in patient coordinates (LPS, mm). */
    int labelAt(double x, double y, double z);

    /** The modality value every voxel of {@code label} has before noise; 0 for labels the model does not use. */
    int valueOf(int label);

    /** What each label means, by label value. */
    SortedMap<Integer, String> labelNames();
}
