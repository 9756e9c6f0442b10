// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelType;

/**
 * A series' voxels in modality values (HU for CT), on its stored grid, with what a manifest says of
 * it. Exactly one of {@code shorts} (INT16, UINT16) and {@code floats} (FLOAT32) is set.
 *
 * @param manufacturer      Manufacturer (0008,0070) of the first image, or null
 * @param sliceThicknessMm  Slice Thickness of the first image, or null where the file has none
 * @param burnedInText      why the pixels may show identifying text ({@code BurnedInText}), or null; when set, no voxels
 *                          were decoded (type and arrays are null)
 */
public record CaseImage(VolumeGeometry geometry, VoxelType type, short[] shorts, float[] floats, String modality,
                        String manufacturer, Double sliceThicknessMm, String burnedInText) {

    public NiftiGeometry nifti() {
        return NiftiGeometry.of(geometry);
    }
}
