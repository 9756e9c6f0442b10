// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/** What identifies and places one single-frame image of a series: its UID, number and position. */
public record SliceDescriptor(String sopInstanceUid, int instanceNumber, Vec3 imagePosition) {

    public SliceDescriptor {
        SeriesDescriptor.requireUid("SOPInstanceUID", sopInstanceUid);
        Objects.requireNonNull(imagePosition, "imagePosition");
    }
}
