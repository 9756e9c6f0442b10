// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

/**
 * What the intended-use check and the 2D pipeline need to know about one 2D image (one frame), as
 * plain data: built from the file by {@code image2d.ImageFactsReader}, or by hand in tests. Any
 * value the file does not give is null.
 *
 * @param imageUid           SOP Instance UID (a phantom's or test's own id otherwise); with the frame, the image's identity
 * @param frame              0-based frame of a multi-frame object, 0 for a single image
 * @param photometric        Photometric Interpretation as the file states it (RGB and YBR images are decoded to RGB)
 * @param samplesPerPixel    1 for greyscale, 3 for colour
 * @param laterality         Image Laterality (0020,0062), else Laterality (0020,0060): "L", "R", "B" or "U"
 * @param viewPosition       View Position (0018,5101): "CC", "MLO", "PA", "AP", …
 * @param patientOrientation Patient Orientation (0020,0020), e.g. "P\L": the directions of the rows and columns
 */
public record ImageFacts(String imageUid, int frame, String modality, String sopClassUid, String photometric, int samplesPerPixel,
                         String laterality, String viewPosition, String patientOrientation, String bodyPartExamined,
                         String studyDescription, String seriesDescription, int columns, int rows) {

    /** Whether the image has colour samples. */
    public boolean colour() {
        return samplesPerPixel >= 3;
    }

    /** "1.2.3" or "1.2.3 frame 4" (1-based frame numbers, as a reader counts). */
    public String label() {
        return imageUid + (frame > 0 ? " frame " + (frame + 1) : "");
    }
}
