// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

/** One class label per voxel (0 = none), per stored slice. */
public non-sealed interface LabelVolume extends OverlayVolume {

    /** Slice k's labels, row-major (columns × rows), or null where there are none. Read-only. */
    byte[] sliceOrNull(int k);
}
