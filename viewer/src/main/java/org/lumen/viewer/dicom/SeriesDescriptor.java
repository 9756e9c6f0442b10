// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.List;
import java.util.Objects;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.StudyInfo;

/**
 * Everything the images of one series to write have in common: patient, study, series identity,
 * geometry, pixel encoding and display windows.
 *
 * @param patient         dates as DICOM DA text (YYYYMMDD); null fields are written empty
 * @param study           dates and times as DICOM DA/TM text; the study UID is required
 * @param bodyPartExamined a BodyPartExamined code string such as CHEST or HEAD, or null
 * @param windows         window presets written as multi-valued WindowCenter/WindowWidth, names as explanations
 */
public record SeriesDescriptor(PatientInfo patient, StudyInfo study, String seriesInstanceUid, int seriesNumber,
                               String seriesDescription, ImageModality modality, String frameOfReferenceUid,
                               String bodyPartExamined, SliceGeometry geometry, PixelEncoding encoding,
                               List<WindowPreset> windows) {

    public SeriesDescriptor {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(study, "study");
        requireUid("StudyInstanceUID", study.studyInstanceUid());
        requireUid("SeriesInstanceUID", seriesInstanceUid);
        requireUid("FrameOfReferenceUID", frameOfReferenceUid);
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(encoding, "encoding");
        if (modality == ImageModality.CT && !encoding.hasRescale()) {
            throw new IllegalArgumentException("CT images need a rescale (RescaleIntercept/Slope/Type are required)");
        }
        windows = List.copyOf(windows);
    }

    static void requireUid(String what, String uid) {
        if (uid == null || !uid.matches("[0-9]+(\\.[0-9]+)*") || uid.length() > 64) {
            throw new IllegalArgumentException(what + " must be a dotted-decimal UID of at most 64 characters, was " + uid);
        }
    }
}
