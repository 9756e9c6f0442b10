// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.dicom;

import java.util.Objects;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.StudyInfo;

/**
 * What every 2D phantom image carries whatever its kind: patient, study, series and instance, and its pixel grid.
 *
 * @param pixelSpacingMm the distance between pixel centres in mm, the same along rows and columns
 * @param laterality     Image Laterality: R, L, B or U
 */
public record PlanarHeader(PatientInfo patient, StudyInfo study, String seriesInstanceUid, int seriesNumber,
                           String seriesDescription, String sopInstanceUid, int instanceNumber, int columns, int rows,
                           double pixelSpacingMm, String laterality) {

    public PlanarHeader {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        if (columns < 1 || rows < 1 || columns > 0xFFFF || rows > 0xFFFF) {
            throw new IllegalArgumentException("an image is 1 to 65535 pixels each way, was " + columns + "x" + rows);
        }
        if (!(pixelSpacingMm > 0) || Double.isInfinite(pixelSpacingMm)) {
            throw new IllegalArgumentException("pixel spacing must be a positive number of mm, was " + pixelSpacingMm);
        }
        if (!laterality.matches("[RLBU]")) {
            throw new IllegalArgumentException("laterality is R, L, B or U, was " + laterality);
        }
    }

    public int pixelCount() { return columns * rows; }
}
