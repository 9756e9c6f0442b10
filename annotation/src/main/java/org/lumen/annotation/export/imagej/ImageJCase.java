// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export.imagej;

import java.util.List;
import java.util.Objects;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.viewer.nifti.NiftiGeometry;

/**
 * One case for Fiji, ImageJ and QuPath: the series' values on a voxel grid (after the modality LUT,
 * e.g. HU), its label mask on the same grid, and its shapes in patient millimetres.
 *
 * @param name        file name stem (a pseudonym, never a patient identifier)
 * @param grid        where the voxels lie in patient space; i runs along a row, j down the columns, k over slices
 * @param voxels      values, i fastest, then j, then k
 * @param labels      class value per voxel (0 background), same order; null when the case has no mask
 * @param classes     the label classes with their mask values and colours
 * @param shapes      boxes, points and lines to become ImageJ ROIs
 * @param window      how the image channel is shown when opened
 */
public record ImageJCase(String name, NiftiGeometry grid, short[] voxels, byte[] labels, List<LabelColour> classes,
                         List<VectorLabel> shapes, Window window) {

    /** A label class as the export shows it: its mask value, name and colour ("#RRGGBB"). */
    public record LabelColour(int value, String name, String colour) {
        public LabelColour {
            if (value < 1 || value > 255) {
                throw new IllegalArgumentException("a label value is between 1 and 255, not " + value);
            }
            Objects.requireNonNull(name, "name");
            if (colour == null || !colour.matches("#[0-9A-Fa-f]{6}")) {
                throw new IllegalArgumentException("a label colour is #RRGGBB, not " + colour);
            }
        }

        int rgb() {
            return Integer.parseInt(colour.substring(1), 16);
        }
    }

    /** Display window (centre and width, in the voxels' values). */
    public record Window(double centre, double width) {
        public Window {
            if (!(width >= 1) || !Double.isFinite(centre)) {
                throw new IllegalArgumentException("a window has a finite centre and a width of at least 1, not "
                        + centre + "/" + width);
            }
        }
    }

    public ImageJCase {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("a case name is a plain file name stem, not '" + name + "'");
        }
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(window, "window");
        if (voxels.length != grid.voxelCount()) {
            throw new IllegalArgumentException("the case has " + voxels.length + " voxels, its grid " + grid.voxelCount());
        }
        if (labels != null && labels.length != voxels.length) {
            throw new IllegalArgumentException("the label mask has " + labels.length + " voxels, the image " + voxels.length);
        }
        classes = List.copyOf(classes);
        shapes = List.copyOf(shapes);
    }
}
