// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.Objects;

/**
 * The image an SR image coordinate (SCOORD) is on: its SOP class and instance, and the frame within it
 * (1-based Referenced Frame Number, 0 for a single-frame instance, which names no frame).
 */
public record ImageReference(String sopClassUid, String sopInstanceUid, int frameNumber) {

    public ImageReference {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        if (frameNumber < 0) {
            throw new IllegalArgumentException("a referenced frame number is 1 or more (0 for none), not " + frameNumber);
        }
    }
}
