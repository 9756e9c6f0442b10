// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Map;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.viewer.dicom.TagTreeReader;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.InstanceHeader;

/**
 * The {@link ImageFacts} of one frame of an indexed instance: what the index keeps (modality, SOP
 * class, size, colour, descriptions), plus the laterality, view and orientation attributes read from
 * the file's header (the index does not keep them).
 */
public final class ImageFactsReader {

    static final int IMAGE_LATERALITY = 0x00200062;
    static final int LATERALITY = 0x00200060;
    static final int VIEW_POSITION = 0x00185101;
    static final int PATIENT_ORIENTATION = 0x00200020;

    private ImageFactsReader() { }

    /** @throws UnusableFileException when the file's header can no longer be read (the message says why) */
    public static ImageFacts read(InstanceHeader header, int frame) throws UnusableFileException {
        Map<Integer, String> v = TagTreeReader.topLevelValues(header.file(), IMAGE_LATERALITY, LATERALITY, VIEW_POSITION,
                PATIENT_ORIENTATION);
        String laterality = v.getOrDefault(IMAGE_LATERALITY, v.get(LATERALITY));
        return of(header, frame, laterality, v.get(VIEW_POSITION), v.get(PATIENT_ORIENTATION));
    }

    /** The facts with the attributes the index lacks given by the caller. */
    public static ImageFacts of(InstanceHeader header, int frame, String laterality, String viewPosition, String patientOrientation) {
        var pixels = header.pixels();
        return new ImageFacts(header.sopInstanceUid(), frame, header.series().modality(), header.sopClassUid(),
                pixels == null ? null : pixels.photometric().dicomName(), pixels == null ? 1 : pixels.isColor() ? 3 : 1,
                laterality, viewPosition, patientOrientation, header.series().bodyPart(),
                header.study() == null ? null : header.study().description(), header.series().description(),
                pixels == null ? 0 : pixels.columns(), pixels == null ? 0 : pixels.rows());
    }
}
