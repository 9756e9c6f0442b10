// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Objects;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A label mask on a series' voxel grid, with that grid's geometry so the mask maps to patient mm
 * without the series at hand. The mask is encoded when saved: changing it afterwards changes nothing
 * stored. A loaded payload holds a fresh mask of its own.
 */
public record MaskPayload(LabelMask mask, VolumeGeometry geometry) implements Payload {

    public MaskPayload {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(geometry, "geometry");
        if (mask.columns() != geometry.columns() || mask.rows() != geometry.rows() || mask.slices() != geometry.slices()) {
            throw new IllegalArgumentException("mask " + mask.columns() + "x" + mask.rows() + "x" + mask.slices()
                    + " does not fit its grid " + geometry.columns() + "x" + geometry.rows() + "x" + geometry.slices());
        }
    }

    @Override
    public AnnotationKind kind() {
        return AnnotationKind.MASK;
    }
}
