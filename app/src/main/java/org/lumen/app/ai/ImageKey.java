// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.ai;

import java.util.Objects;
import org.lumen.aiassist.image2d.ImageFinding;
import org.lumen.aiassist.image2d.StudyResult;
import org.lumen.aiassist.model.ImageFacts;

/**
 * One image a 2D model ran on: its SOP Instance UID and its 0-based frame. Every frame of a multi-frame object is an
 * image of its own with the object's UID, so the UID alone would put all their findings, maps and records on one frame.
 */
public record ImageKey(String uid, int frame) {

    public ImageKey {
        Objects.requireNonNull(uid, "uid");
    }

    public static ImageKey of(ImageFacts facts) {
        return new ImageKey(facts.imageUid(), facts.frame());
    }

    public static ImageKey of(ImageFinding finding) {
        return new ImageKey(finding.imageUid(), finding.frame());
    }

    public static ImageKey of(StudyResult.Contribution contribution) {
        return new ImageKey(contribution.imageUid(), contribution.frame());
    }

    /** "1.2.3" or "1.2.3 frame 2" (frames counted from 1, as a reader counts). */
    @Override
    public String toString() {
        return uid + (frame > 0 ? " frame " + (frame + 1) : "");
    }
}
