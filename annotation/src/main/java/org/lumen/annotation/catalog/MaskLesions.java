// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.List;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * The lesions of a mask as detection scoring and the practice figures see them: each connected component
 * (6-connectivity) with its label, its centre in patient mm, its volume and the diameter of a sphere of that
 * volume.
 */
public final class MaskLesions {

    /** One lesion of a mask. */
    public record Lesion(int label, Vec3 centre, long voxels, double volumeMm3, double equivalentDiameterMm) { }

    private MaskLesions() { }

    public static List<Lesion> of(MaskPayload payload) {
        VolumeGeometry g = payload.geometry();
        double voxelMm3 = g.columnSpacing() * g.rowSpacing() * g.sliceSpacing();
        return LesionComponents.of(payload.mask()).components().stream().map(c -> {
            double[] ijk = c.centroid();
            double volume = c.voxels() * voxelMm3;
            return new Lesion(c.label(), g.toPatient(ijk[0], ijk[1], ijk[2]), c.voxels(), volume, Math.cbrt(6 * volume / Math.PI));
        }).toList();
    }
}
