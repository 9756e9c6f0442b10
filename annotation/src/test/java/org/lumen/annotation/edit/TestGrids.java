// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/** Voxel grids for the editing tests. */
final class TestGrids {

    private TestGrids() { }

    /** An axial stack: rows along +x (patient left), columns along +y (posterior), slices along +z (head). */
    static VolumeGeometry axial(int columns, int rows, int slices, double columnSpacing, double rowSpacing, double sliceSpacing) {
        return new VolumeGeometry(columns, rows, slices, new Vec3(-100, -120, 40), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                columnSpacing, rowSpacing, new Vec3(0, 0, sliceSpacing));
    }

    static MaskEditor editor(VolumeGeometry g) {
        return new MaskEditor(new LabelMask(g.columns(), g.rows(), g.slices()), new EditHistory());
    }

    /** Constant values everywhere. */
    static VoxelValues constant(VolumeGeometry g, short value) {
        short[] v = new short[g.columns() * g.rows() * g.slices()];
        java.util.Arrays.fill(v, value);
        return VoxelValues.ofShorts(g.columns(), g.rows(), g.slices(), v);
    }

    /** Bound on the area error of a shape of perimeter {@code perimeterMm} rasterised on pixels of this diagonal: the band where misclassified pixels can lie. */
    static double rasterBandMm2(double perimeterMm, double pixelDiagonalMm) {
        return perimeterMm * pixelDiagonalMm;
    }
}
