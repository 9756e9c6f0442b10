// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;
import org.lumen.aiassist.model.ImageFacts;

/** One image to run a 2D model on: its pixels and what its header says about it. */
public record ImageInput(PlanarImage image, ImageFacts facts) {

    public ImageInput {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(facts, "facts");
    }

    /**
     * Frame {@code k} of a viewer volume (a single image is a volume of one frame, a multi-frame clip one per frame)
     * with its facts, read from the file's header.
     *
     * @throws org.lumen.viewer.dicom.UnusableFileException when the frame or its header cannot be read (the message says why)
     */
    public static ImageInput of(org.lumen.viewer.volume.Volume volume, int k) throws org.lumen.viewer.dicom.UnusableFileException {
        var frame = volume.frame(k);
        return new ImageInput(SliceImage.of(volume, k), ImageFactsReader.read(frame.instance(), frame.frame()));
    }

    /** "UID" or "UID frame N". */
    public String label() {
        return facts.label();
    }
}
