// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.Objects;
import java.util.UUID;

/**
 * A class given to a whole series, to one image of it, or to one frame of a multi-frame image
 * ("normal", "nodule present").
 *
 * @param sopInstanceUid the image, or null for the whole series
 * @param frame          the frame number (from 1) within a multi-frame image, or 0 for the whole image
 */
public record ClassificationLabel(UUID id, String seriesInstanceUid, String sopInstanceUid, int frame, String labelClass)
        implements ObjectLabel {

    public ClassificationLabel {
        LabelChecks.common(id, seriesInstanceUid, labelClass);
        if (frame < 0 || frame > 0 && sopInstanceUid == null) {
            throw new IllegalArgumentException("a frame number (from 1) needs an image; 0 means the whole image, not " + frame);
        }
    }

    /** A class for the whole series, with a fresh id. */
    public static ClassificationLabel ofSeries(String seriesInstanceUid, String labelClass) {
        return new ClassificationLabel(UUID.randomUUID(), seriesInstanceUid, null, 0, labelClass);
    }

    /** A class for one image, with a fresh id. */
    public static ClassificationLabel ofImage(String seriesInstanceUid, String sopInstanceUid, String labelClass) {
        return new ClassificationLabel(UUID.randomUUID(), seriesInstanceUid, Objects.requireNonNull(sopInstanceUid, "sopInstanceUid"),
                0, labelClass);
    }

    /** A class for one frame (from 1) of a multi-frame image, with a fresh id. */
    public static ClassificationLabel ofFrame(String seriesInstanceUid, String sopInstanceUid, int frame, String labelClass) {
        if (frame < 1) {
            throw new IllegalArgumentException("frame numbers start at 1, not " + frame);
        }
        return new ClassificationLabel(UUID.randomUUID(), seriesInstanceUid, Objects.requireNonNull(sopInstanceUid, "sopInstanceUid"),
                frame, labelClass);
    }

    public boolean isSeriesLevel() {
        return sopInstanceUid == null;
    }

    @Override
    public ClassificationLabel withClass(String labelClass) {
        return new ClassificationLabel(id, seriesInstanceUid, sopInstanceUid, frame, labelClass);
    }
}
