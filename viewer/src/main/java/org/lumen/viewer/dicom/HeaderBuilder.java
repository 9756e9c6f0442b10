// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.image.ModalityLut;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.image.VoiLut;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.ImagePlane;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.ObjectKind;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.PixelCalibration;
import org.lumen.viewer.index.PixelDataLocation;
import org.lumen.viewer.index.SeriesInfo;
import org.lumen.viewer.index.SpacingSource;
import org.lumen.viewer.index.StudyInfo;

/** Builds an {@link InstanceHeader} from parsed header values, whichever parser produced them. */
final class HeaderBuilder {

    private HeaderBuilder() { }

    /**
     * @param endedAtEof true when the header ran to the end of the file without Pixel Data
     */
    static InstanceHeader build(Path file, long size, HeaderValues v, String transferSyntax, PixelDataLocation pixelData,
                                boolean hasPixelData, boolean endedAtEof) throws UnusableFileException {
        String sopClass = v.string(Tags.SOP_CLASS_UID);
        if (sopClass == null) {
            sopClass = v.string(Tags.MEDIA_STORAGE_SOP_CLASS_UID);
        }
        if (sopClass == null && v.has(Tags.DIRECTORY_RECORD_SEQUENCE)) {
            sopClass = SopClasses.MEDIA_STORAGE_DIRECTORY;
        }
        ObjectKind kind = SopClasses.kindOf(sopClass, hasPixelData);
        if (kind == ObjectKind.DIRECTORY) {
            throw new UnusableFileException("a DICOMDIR (media directory), not an instance: open it to load the files it lists");
        }
        String sopInstance = v.string(Tags.SOP_INSTANCE_UID);
        String studyUid = v.string(Tags.STUDY_INSTANCE_UID);
        String seriesUid = v.string(Tags.SERIES_INSTANCE_UID);
        String generatedUids = null;
        if (sopInstance == null || studyUid == null || seriesUid == null) {
            String missing = sopInstance == null ? "SOP Instance UID" : studyUid == null ? "Study Instance UID" : "Series Instance UID";
            if (endedAtEof || !kind.isImage() || !hasPixelData) {
                throw new UnusableFileException(endedAtEof
                        ? "incomplete data set: no " + missing + " before the file ends after " + size + " bytes (truncated, or a bare fragment)"
                        : "incomplete data set: no " + missing + ", so it cannot be placed in a series");
            }
            // An image without its UIDs (codec test files often lack them) is still shown, as other viewers do.
            GeneratedUids generated = GeneratedUids.of(file, v, studyUid, seriesUid, sopInstance);
            studyUid = generated.study();
            seriesUid = generated.series();
            sopInstance = generated.instance();
            generatedUids = generated.which();
        }
        PixelDescription pixels = null;
        if (kind.isImage()) {
            if (!hasPixelData) {
                throw new UnusableFileException("missing pixel data: an image object (" + SopClasses.name(sopClass) + ") without Pixel Data");
            }
            pixels = pixelDescription(v, pixelData.floatBytes());
            checkPixelData(pixels, pixelData, size, transferSyntax);
        }
        String modality = v.string(Tags.MODALITY);
        PixelCalibration calibration = CalibrationReader.read(v, modality);
        ImagePlane plane = imagePlane(v, calibration);
        List<ImagePlane> framePlanes = List.of();
        ModalityLut lut = modalityLut(v);
        ModalityLut table = modalityLutTable(v, pixels);
        if (table != null) {
            lut = table;
        }
        List<ModalityLut> frameLuts = List.of();
        List<WindowPreset> windows = windows(v);
        HeaderValues shared = v.item(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, 0);
        if (shared != null || v.itemCount(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE) > 0) {
            ImagePlane sharedPlane = shared == null ? null : functionalGroupPlane(shared);
            plane = sharedPlane == null ? plane : sharedPlane.orElse(plane);
            framePlanes = perFramePlanes(v);
            HeaderValues firstFrame = v.item(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, 0);
            lut = functionalGroupLut(shared, firstFrame, lut);
            frameLuts = perFrameLuts(v, shared, lut);
            if (windows.isEmpty()) {
                windows = functionalGroupWindows(shared, firstFrame);
            }
        }
        if (calibration.source() == SpacingSource.NONE && plane != null && plane.rowSpacing() != null) {
            calibration = PixelCalibration.ofPlane(plane); // an enhanced object's Pixel Measures functional group
        }
        if (kind.isImage() && lut.type().isEmpty() && "CT".equals(modality)) {
            lut = lut.withType("HU");
            frameLuts = frameLuts.stream().map(l -> l.withType("HU")).toList();
        }
        return new InstanceHeader(file, sopClass, sopInstance, transferSyntax, v.strings(Tags.SPECIFIC_CHARACTER_SET), kind,
                new PatientInfo(v.string(Tags.PATIENT_NAME), v.string(Tags.PATIENT_ID), v.string(Tags.PATIENT_BIRTH_DATE),
                        v.string(Tags.PATIENT_SEX)),
                new StudyInfo(studyUid, v.string(Tags.STUDY_DATE), v.string(Tags.STUDY_TIME), v.string(Tags.STUDY_DESCRIPTION),
                        v.string(Tags.ACCESSION_NUMBER), v.string(Tags.STUDY_ID)),
                new SeriesInfo(seriesUid, v.integer(Tags.SERIES_NUMBER), v.string(Tags.SERIES_DESCRIPTION), modality,
                        v.string(Tags.FRAME_OF_REFERENCE_UID), v.string(Tags.BODY_PART_EXAMINED)),
                v.integer(Tags.INSTANCE_NUMBER), v.integer(Tags.ACQUISITION_NUMBER),
                plane, framePlanes, v.doubles(Tags.GRID_FRAME_OFFSET_VECTOR), pixels, lut, frameLuts, windows, voiLut(v), pixelData,
                calibration, v.strings(Tags.IMAGE_TYPE), generatedUids);
    }

    private static PixelDescription pixelDescription(HeaderValues v, int floatBytes) throws UnusableFileException {
        int rows = v.intOr(Tags.ROWS, 0);
        int columns = v.intOr(Tags.COLUMNS, 0);
        if (rows <= 0 || columns <= 0) {
            throw new UnusableFileException("no image size: Rows or Columns is missing or zero");
        }
        int bitsAllocated = floatBytes > 0 ? 8 * floatBytes : v.intOr(Tags.BITS_ALLOCATED, 16);
        int bitsStored = v.intOr(Tags.BITS_STORED, bitsAllocated);
        String photometricText = v.string(Tags.PHOTOMETRIC_INTERPRETATION);
        Photometric photometric = Photometric.parse(photometricText);
        if (photometric == Photometric.UNKNOWN) {
            throw new UnusableFileException("unsupported Photometric Interpretation '" + photometricText + "'");
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32 && !(floatBytes == 8 && bitsAllocated == 64)) {
            throw new UnusableFileException("unsupported Bits Allocated " + bitsAllocated);
        }
        return new PixelDescription(rows, columns, Math.max(1, v.intOr(Tags.NUMBER_OF_FRAMES, 1)),
                v.intOr(Tags.SAMPLES_PER_PIXEL, 1), bitsAllocated, Math.min(bitsStored, bitsAllocated),
                v.intOr(Tags.HIGH_BIT, bitsStored - 1), v.intOr(Tags.PIXEL_REPRESENTATION, 0) == 1,
                v.intOr(Tags.PLANAR_CONFIGURATION, 0), photometric);
    }

    private static void checkPixelData(PixelDescription pixels, PixelDataLocation location, long size, String syntax)
            throws UnusableFileException {
        String undecodable = TransferSyntaxes.undecodableReason(syntax, pixels);
        if (undecodable != null) {
            throw new UndecodablePixelsException(undecodable, syntax, pixels);
        }
        if (!location.isKnown() || location.encapsulated()) {
            return;
        }
        long expected = pixels.bitsAllocated() == 1
                ? ((long) pixels.rows() * pixels.columns() * pixels.frames() + 7) / 8
                : pixels.bytesPerFrame() * pixels.frames();
        if (pixels.photometric() == Photometric.YBR_FULL_422 || pixels.photometric() == Photometric.YBR_PARTIAL_422) {
            expected = expected * 2 / 3; // two luma and one shared chroma pair per two pixels
        }
        if (location.offset() + Math.min(expected, location.length()) > size) {
            throw new UnusableFileException("truncated: pixel data needs " + Math.min(expected, location.length())
                    + " bytes but the file holds " + Math.max(0, size - location.offset()));
        }
        if (location.length() < expected) {
            throw new UnusableFileException("pixel data is " + location.length() + " bytes, but " + pixels.rows() + "x"
                    + pixels.columns() + "x" + pixels.frames() + " frames of " + pixels.bitsAllocated() + " bits need " + expected);
        }
    }

    /** The Image Plane module, with the spacing the calibration chose (none for pixels and ultrasound regions). */
    private static ImagePlane imagePlane(HeaderValues v, PixelCalibration calibration) {
        return Attributes.plane(v.doubles(Tags.IMAGE_POSITION_PATIENT), v.doubles(Tags.IMAGE_ORIENTATION_PATIENT),
                CalibrationReader.planeSpacing(calibration), v.decimal(Tags.SLICE_THICKNESS));
    }

    private static ImagePlane functionalGroupPlane(HeaderValues group) {
        HeaderValues position = group.item(Tags.PLANE_POSITION_SEQUENCE, 0);
        HeaderValues orientation = group.item(Tags.PLANE_ORIENTATION_SEQUENCE, 0);
        HeaderValues measures = group.item(Tags.PIXEL_MEASURES_SEQUENCE, 0);
        if (position == null && orientation == null && measures == null) {
            return null;
        }
        return Attributes.plane(
                position == null ? new double[0] : position.doubles(Tags.IMAGE_POSITION_PATIENT),
                orientation == null ? new double[0] : orientation.doubles(Tags.IMAGE_ORIENTATION_PATIENT),
                measures == null ? new double[0] : measures.doubles(Tags.PIXEL_SPACING),
                measures == null ? null : measures.decimal(Tags.SLICE_THICKNESS));
    }

    private static List<ImagePlane> perFramePlanes(HeaderValues v) {
        int count = v.itemCount(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        List<ImagePlane> planes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ImagePlane plane = functionalGroupPlane(v.item(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, i));
            planes.add(plane == null ? new ImagePlane(null, null, null, null, null, null) : plane);
        }
        return planes;
    }

    private static ModalityLut modalityLut(HeaderValues v) {
        Double slope = v.decimal(Tags.RESCALE_SLOPE);
        Double intercept = v.decimal(Tags.RESCALE_INTERCEPT);
        String type = v.string(Tags.RESCALE_TYPE);
        // A slope of 0 or a non-finite slope or intercept (a damaged header) would turn every pixel into one value or NaN:
        // such a rescale is ignored, as if the file had none, rather than failing the image.
        boolean usableSlope = slope != null && slope != 0 && Double.isFinite(slope);
        boolean usableIntercept = intercept != null && Double.isFinite(intercept);
        return new ModalityLut(usableSlope ? slope : 1, usableIntercept ? intercept : 0, type == null ? "" : type);
    }

    /**
     * The Modality LUT Sequence's table (PS3.3 C.11.1), which replaces any rescale; null when the file has none
     * or it is malformed (the image is then shown with its rescale, never refused for it).
     */
    private static ModalityLut modalityLutTable(HeaderValues v, PixelDescription pixels) {
        HeaderValues item = v.item(Tags.MODALITY_LUT_SEQUENCE, 0);
        if (item == null || pixels == null || !pixels.photometric().isMonochrome()) {
            return null;
        }
        double[] descriptor = item.doubles(Tags.LUT_DESCRIPTOR);
        short[] data = item.words(Tags.LUT_DATA);
        if (descriptor.length < 3 || data == null) {
            return null;
        }
        int entries = descriptor[0] == 0 ? 65536 : (int) descriptor[0] & 0xFFFF;
        int first = (int) descriptor[1];
        if (pixels.signed() && first > 32767) {
            first = (short) first; // the first mapped value is signed when pixels are (PS3.3 C.11.1.1)
        }
        int bits = (int) descriptor[2];
        int[] values = new int[entries];
        if (data.length >= entries) {
            for (int i = 0; i < entries; i++) {
                values[i] = data[i] & 0xFFFF;
            }
        } else if (bits <= 8 && data.length * 2 >= entries) {
            for (int i = 0; i < entries; i++) {
                values[i] = data[i / 2] >> (i % 2 == 0 ? 0 : 8) & 0xFF; // 8-bit entries packed two to a word
            }
        } else {
            return null;
        }
        String type = item.string(Tags.MODALITY_LUT_TYPE);
        return ModalityLut.ofTable(first, values, type == null ? "" : type);
    }

    private static ModalityLut functionalGroupLut(HeaderValues shared, HeaderValues firstFrame, ModalityLut fallback) {
        for (HeaderValues group : new HeaderValues[] {firstFrame, shared}) {
            HeaderValues transform = group == null ? null : group.item(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, 0);
            if (transform != null && transform.has(Tags.RESCALE_SLOPE)) {
                return modalityLut(transform);
            }
        }
        return fallback;
    }

    /** Each frame's LUT when the frames do not all share the first one's; empty when they do. */
    private static List<ModalityLut> perFrameLuts(HeaderValues v, HeaderValues shared, ModalityLut first) {
        int count = v.itemCount(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        List<ModalityLut> luts = new ArrayList<>(count);
        boolean varies = false;
        for (int i = 0; i < count; i++) {
            ModalityLut lut = functionalGroupLut(shared, v.item(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, i), first);
            varies |= !lut.equals(first);
            luts.add(lut);
        }
        return varies ? luts : List.of();
    }

    private static List<WindowPreset> windows(HeaderValues v) {
        double[] centers = v.doubles(Tags.WINDOW_CENTER);
        double[] widths = v.doubles(Tags.WINDOW_WIDTH);
        String explanations = v.strings(Tags.WINDOW_CENTER_WIDTH_EXPLANATION);
        String[] names = explanations == null ? new String[0] : explanations.split("\\\\");
        List<WindowPreset> presets = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            // A window must be a finite centre and a finite width of at least 1; a damaged one is skipped (the presets stand in).
            if (widths[i] >= 1 && Double.isFinite(widths[i]) && Double.isFinite(centers[i])) {
                String name = i < names.length && !names[i].isBlank() ? names[i].strip() : "File " + (i + 1);
                presets.add(new WindowPreset(name, centers[i], widths[i]));
            }
        }
        return presets;
    }

    private static List<WindowPreset> functionalGroupWindows(HeaderValues shared, HeaderValues firstFrame) {
        for (HeaderValues group : new HeaderValues[] {firstFrame, shared}) {
            HeaderValues voi = group == null ? null : group.item(Tags.FRAME_VOI_LUT_SEQUENCE, 0);
            if (voi != null) {
                List<WindowPreset> presets = windows(voi);
                if (!presets.isEmpty()) {
                    return presets;
                }
            }
        }
        return List.of();
    }

    private static VoiLut voiLut(HeaderValues v) {
        HeaderValues item = v.item(Tags.VOI_LUT_SEQUENCE, 0);
        if (item == null) {
            return null;
        }
        double[] descriptor = item.doubles(Tags.LUT_DESCRIPTOR);
        short[] data = item.words(Tags.LUT_DATA);
        if (descriptor.length < 3 || data == null) {
            return null; // a malformed VOI LUT must not make the image unreadable; presets still work
        }
        int entries = descriptor[0] == 0 ? 65536 : (int) descriptor[0] & 0xFFFF;
        int first = (int) descriptor[1];
        if (first > 32767) {
            first = (short) first; // the first mapped value is signed when pixels are (PS3.3 C.11.2.1.1)
        }
        if (data.length < entries) {
            return null;
        }
        int[] values = new int[entries];
        for (int i = 0; i < entries; i++) {
            values[i] = data[i] & 0xFFFF;
        }
        return new VoiLut(item.string(Tags.LUT_EXPLANATION), first, (int) descriptor[2], values);
    }
}
