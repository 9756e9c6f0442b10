// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import java.nio.file.Path;
import java.util.List;
import org.lumen.viewer.image.ModalityLut;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.image.VoiLut;
import org.lumen.viewer.image.WindowPreset;

/**
 * Everything Lumen keeps of one DICOM instance after reading its header (no pixels): what sorting,
 * geometry, display and provenance need.
 *
 * @param plane            the instance-level image plane (null when the object has none)
 * @param framePlanes      per-frame planes of an enhanced multi-frame object (empty otherwise)
 * @param frameOffsets     GridFrameOffsetVector (RT Dose), mm along the normal; empty otherwise
 * @param pixels           null for objects without pixel data
 * @param frameLuts        per-frame modality LUTs of an enhanced object whose frames differ; empty otherwise
 * @param calibration      what the pixels measure (patient or detector mm, ultrasound regions, or pixels)
 * @param imageType        Image Type (0008,0008), its values joined by backslashes; null when absent
 * @param generatedUids    which of the Study, Series and SOP Instance UIDs the file lacked and Lumen generated
 *                         from its content (e.g. "Study Instance UID, Series Instance UID"); null when none
 */
public record InstanceHeader(
        Path file,
        String sopClassUid,
        String sopInstanceUid,
        String transferSyntaxUid,
        String specificCharacterSet,
        ObjectKind kind,
        PatientInfo patient,
        StudyInfo study,
        SeriesInfo series,
        Integer instanceNumber,
        Integer acquisitionNumber,
        ImagePlane plane,
        List<ImagePlane> framePlanes,
        double[] frameOffsets,
        PixelDescription pixels,
        ModalityLut modalityLut,
        List<ModalityLut> frameLuts,
        List<WindowPreset> windows,
        VoiLut voiLut,
        PixelDataLocation pixelData,
        PixelCalibration calibration,
        String imageType,
        String generatedUids) {

    public InstanceHeader {
        framePlanes = List.copyOf(framePlanes);
        if (calibration == null) {
            calibration = PixelCalibration.ofPlane(plane);
        }
        frameLuts = List.copyOf(frameLuts);
        windows = List.copyOf(windows);
        imageType = normalisedImageType(imageType);
    }

    /** A header whose UIDs all come from the file. */
    public InstanceHeader(Path file, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                          String specificCharacterSet, ObjectKind kind, PatientInfo patient, StudyInfo study, SeriesInfo series,
                          Integer instanceNumber, Integer acquisitionNumber, ImagePlane plane, List<ImagePlane> framePlanes,
                          double[] frameOffsets, PixelDescription pixels, ModalityLut modalityLut, List<ModalityLut> frameLuts,
                          List<WindowPreset> windows, VoiLut voiLut, PixelDataLocation pixelData, PixelCalibration calibration,
                          String imageType) {
        this(file, sopClassUid, sopInstanceUid, transferSyntaxUid, specificCharacterSet, kind, patient, study, series,
                instanceNumber, acquisitionNumber, plane, framePlanes, frameOffsets, pixels, modalityLut, frameLuts, windows,
                voiLut, pixelData, calibration, imageType, null);
    }

    /** A header whose calibration is read from its plane alone (Pixel Spacing there is patient mm, none is pixels) and whose Image Type is not known. */
    public InstanceHeader(Path file, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                          String specificCharacterSet, ObjectKind kind, PatientInfo patient, StudyInfo study, SeriesInfo series,
                          Integer instanceNumber, Integer acquisitionNumber, ImagePlane plane, List<ImagePlane> framePlanes,
                          double[] frameOffsets, PixelDescription pixels, ModalityLut modalityLut, List<ModalityLut> frameLuts,
                          List<WindowPreset> windows, VoiLut voiLut, PixelDataLocation pixelData) {
        this(file, sopClassUid, sopInstanceUid, transferSyntaxUid, specificCharacterSet, kind, patient, study, series,
                instanceNumber, acquisitionNumber, plane, framePlanes, frameOffsets, pixels, modalityLut, frameLuts, windows,
                voiLut, pixelData, null, null, null);
    }

    /** A localizer (scout, topogram): Image Type says LOCALIZER, the defined term for CT and MR planning images. */
    public boolean isLocalizer() {
        if (imageType == null) {
            return false;
        }
        for (String value : imageType.split("\\\\")) {
            if (value.strip().equalsIgnoreCase("LOCALIZER")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Image Type as PixelMed reads it: each value without padding and no empty last value, so that
     * "DERIVED \PRIMARY\" (the fast parser's raw text) and "DERIVED\PRIMARY" are the same.
     */
    private static String normalisedImageType(String values) {
        if (values == null) {
            return null;
        }
        if (!values.isEmpty() && !values.endsWith("\\") && values.chars().noneMatch(c -> c <= ' ' || Character.isWhitespace(c))) {
            return values; // already in that form (the common case: every slice of a series comes through here)
        }
        List<String> parts = new java.util.ArrayList<>(java.util.Arrays.stream(values.split("\\\\", -1)).map(String::strip).toList());
        while (!parts.isEmpty() && parts.getLast().isEmpty()) {
            parts.removeLast();
        }
        return parts.isEmpty() ? null : String.join("\\", parts);
    }

    public int frames() {
        return pixels == null ? 0 : pixels.frames();
    }

    public boolean hasPixels() {
        return pixels != null;
    }

    /** The modality LUT of frame {@code frame} (enhanced objects may rescale each frame differently). */
    public ModalityLut modalityLutOfFrame(int frame) {
        return frame < frameLuts.size() ? frameLuts.get(frame) : modalityLut;
    }

    /** The plane of frame {@code frame}, combining per-frame and shared values. */
    public ImagePlane planeOfFrame(int frame) {
        if (frame < framePlanes.size()) {
            return framePlanes.get(frame).orElse(plane);
        }
        return plane;
    }
}
