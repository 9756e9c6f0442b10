// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.List;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/** What identifies an enhanced multi-frame image and places each of its frames, in frame order. */
public record MultiFrameDescriptor(String sopInstanceUid, int instanceNumber, List<Vec3> framePositions) {

    public MultiFrameDescriptor {
        SeriesDescriptor.requireUid("SOPInstanceUID", sopInstanceUid);
        framePositions = List.copyOf(Objects.requireNonNull(framePositions, "framePositions"));
        if (framePositions.isEmpty()) {
            throw new IllegalArgumentException("a multi-frame image needs at least one frame");
        }
    }

    public int frameCount() { return framePositions.size(); }
}
