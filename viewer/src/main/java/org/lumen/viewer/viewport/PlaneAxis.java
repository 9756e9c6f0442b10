// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

/** Which voxel-grid axis a family of view planes steps along. */
public enum PlaneAxis {
    /** The stored slices (index k): the images as acquired. */
    SLICES,
    /** One plane per row j: columns across, slices down (a coronal reformat of an axial stack). */
    ROWS,
    /** One plane per column i: rows across, slices down (a sagittal reformat of an axial stack). */
    COLUMNS
}
