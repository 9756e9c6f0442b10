// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * One image a segmentation frame derives from: its SOP class and instance, the frame within it
 * (1-based, 0 for a single-frame instance) and the patient position of its first pixel (mm, LPS).
 */
public record SourceImage(String sopClassUid, String sopInstanceUid, int frameNumber, Vec3 position) {

    public SourceImage {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(position, "position");
    }
}
