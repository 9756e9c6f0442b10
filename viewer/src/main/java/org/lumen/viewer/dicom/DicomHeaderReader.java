// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.lumen.viewer.index.PixelDataLocation;
import org.lumen.viewer.index.SeriesInfo;
import org.lumen.viewer.index.StudyInfo;

/**
 * Reads the header of one DICOM file (everything before Pixel Data) into an {@link InstanceHeader}.
 * Pixels are not decoded; where Pixel Data starts in the file is remembered so uncompressed frames
 * can later be read straight from disk.
 */
public final class DicomHeaderReader {

    private static final int BUFFER = 16 * 1024;
    private static final int PIXEL_DATA_GROUP = 0x7FE0;
    private static final int PIXEL_DATA_ELEMENT = 0x0010;
    private static final AttributeTag GRID_FRAME_OFFSET_VECTOR = new AttributeTag(0x3004, 0x000C);

    /** Reads the header of {@code file}; throws with a one-sentence reason when the file is unusable. */
    public InstanceHeader read(Path file) throws UnusableFileException {
        long size = fileSize(file);
        if (size == 0) {
            throw new UnusableFileException("empty file");
        }
        DicomSniffer.requireDicom(file, size);
        AttributeList list = new AttributeList();
        long consumed;
        String transferSyntax;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
             DicomInputStream dicom = new DicomInputStream(in)) {
            consumed = list.read(dicom, TagFromName.PixelData);
            transferSyntax = dicom.getTransferSyntaxToReadDataSet() == null
                    ? TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN : dicom.getTransferSyntaxToReadDataSet().getUID();
        } catch (EOFException e) {
            throw new UnusableFileException("truncated: the file ends inside the header", e);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnusableFileException("not readable as DICOM: " + describe(e), e);
        }
        return toHeader(file, size, list, consumed, transferSyntax);
    }

    private InstanceHeader toHeader(Path file, long size, AttributeList list, long consumed, String transferSyntax)
            throws UnusableFileException {
        String sopClass = Attributes.string(list, TagFromName.SOPClassUID);
        if (sopClass == null) {
            sopClass = Attributes.string(list, TagFromName.MediaStorageSOPClassUID);
        }
        if (sopClass == null && list.get(TagFromName.DirectoryRecordSequence) != null) {
            sopClass = SopClasses.MEDIA_STORAGE_DIRECTORY;
        }
        PixelDataLocation pixelData = locatePixelData(file, size, consumed, transferSyntax);
        boolean deflated = TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax);
        // In a deflated file PixelMed's byte count is of the inflated stream: judge by the image module instead.
        boolean hasPixelData = pixelData.isKnown() || (deflated ? list.get(TagFromName.Rows) != null
                : consumed < size && pixelDataTagAt(file, consumed - 4));
        ObjectKind kind = SopClasses.kindOf(sopClass, hasPixelData);
        if (kind == ObjectKind.DIRECTORY) {
            throw new UnusableFileException("a DICOMDIR (media directory), not an instance: open it to load the files it lists");
        }
        String sopInstance = Attributes.string(list, TagFromName.SOPInstanceUID);
        String studyUid = Attributes.string(list, TagFromName.StudyInstanceUID);
        String seriesUid = Attributes.string(list, TagFromName.SeriesInstanceUID);
        if (sopInstance == null || studyUid == null || seriesUid == null) {
            String missing = sopInstance == null ? "SOP Instance UID" : studyUid == null ? "Study Instance UID" : "Series Instance UID";
            throw new UnusableFileException(consumed >= size
                    ? "incomplete data set: no " + missing + " before the file ends after " + size + " bytes (truncated, or a bare fragment)"
                    : "incomplete data set: no " + missing + ", so it cannot be placed in a series");
        }

        PixelDescription pixels = null;
        if (kind.isImage()) {
            if (!hasPixelData) {
                throw new UnusableFileException("missing pixel data: an image object (" + SopClasses.name(sopClass) + ") without Pixel Data");
            }
            pixels = pixelDescription(list);
            checkPixelData(pixels, pixelData, size, transferSyntax);
        }
        ImagePlane plane = imagePlane(list);
        List<ImagePlane> framePlanes = List.of();
        ModalityLut lut = modalityLut(list);
        List<WindowPreset> windows = windows(list);
        AttributeList shared = functionalGroup(list, TagFromName.SharedFunctionalGroupsSequence, 0);
        if (shared != null || list.get(TagFromName.PerFrameFunctionalGroupsSequence) != null) {
            ImagePlane sharedPlane = shared == null ? null : functionalGroupPlane(shared);
            plane = sharedPlane == null ? plane : sharedPlane.orElse(plane);
            framePlanes = perFramePlanes(list);
            AttributeList firstFrame = functionalGroup(list, TagFromName.PerFrameFunctionalGroupsSequence, 0);
            lut = functionalGroupLut(shared, firstFrame, lut);
            if (windows.isEmpty()) {
                windows = functionalGroupWindows(shared, firstFrame);
            }
        }
        if (kind.isImage() && lut.type().isEmpty() && "CT".equals(Attributes.string(list, TagFromName.Modality))) {
            lut = new ModalityLut(lut.slope(), lut.intercept(), "HU");
        }
        return new InstanceHeader(file, sopClass, sopInstance, transferSyntax,
                Attributes.strings(list, TagFromName.SpecificCharacterSet),
                kind,
                new PatientInfo(Attributes.string(list, TagFromName.PatientName), Attributes.string(list, TagFromName.PatientID),
                        Attributes.string(list, TagFromName.PatientBirthDate), Attributes.string(list, TagFromName.PatientSex)),
                new StudyInfo(studyUid, Attributes.string(list, TagFromName.StudyDate), Attributes.string(list, TagFromName.StudyTime),
                        Attributes.string(list, TagFromName.StudyDescription), Attributes.string(list, TagFromName.AccessionNumber),
                        Attributes.string(list, TagFromName.StudyID)),
                new SeriesInfo(seriesUid, Attributes.integer(list, TagFromName.SeriesNumber), Attributes.string(list, TagFromName.SeriesDescription),
                        Attributes.string(list, TagFromName.Modality), Attributes.string(list, TagFromName.FrameOfReferenceUID),
                        Attributes.string(list, TagFromName.BodyPartExamined)),
                Attributes.integer(list, TagFromName.InstanceNumber),
                Attributes.integer(list, TagFromName.AcquisitionNumber),
                plane, framePlanes, Attributes.doubles(list, GRID_FRAME_OFFSET_VECTOR),
                pixels, lut, windows, voiLut(list), pixelData);
    }

    private static PixelDescription pixelDescription(AttributeList list) throws UnusableFileException {
        int rows = Attributes.intOr(list, TagFromName.Rows, 0);
        int columns = Attributes.intOr(list, TagFromName.Columns, 0);
        if (rows <= 0 || columns <= 0) {
            throw new UnusableFileException("no image size: Rows or Columns is missing or zero");
        }
        int bitsAllocated = Attributes.intOr(list, TagFromName.BitsAllocated, 16);
        int bitsStored = Attributes.intOr(list, TagFromName.BitsStored, bitsAllocated);
        int samples = Attributes.intOr(list, TagFromName.SamplesPerPixel, 1);
        String photometricText = Attributes.string(list, TagFromName.PhotometricInterpretation);
        Photometric photometric = Photometric.parse(photometricText);
        if (photometric == Photometric.UNKNOWN) {
            throw new UnusableFileException("unsupported Photometric Interpretation '" + photometricText + "'");
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new UnusableFileException("unsupported Bits Allocated " + bitsAllocated);
        }
        return new PixelDescription(rows, columns, Math.max(1, Attributes.intOr(list, TagFromName.NumberOfFrames, 1)),
                samples, bitsAllocated, Math.min(bitsStored, bitsAllocated),
                Attributes.intOr(list, TagFromName.HighBit, bitsStored - 1),
                Attributes.intOr(list, TagFromName.PixelRepresentation, 0) == 1,
                Attributes.intOr(list, TagFromName.PlanarConfiguration, 0), photometric);
    }

    private static void checkPixelData(PixelDescription pixels, PixelDataLocation location, long size, String syntax)
            throws UnusableFileException {
        String undecodable = TransferSyntaxes.undecodableReason(syntax);
        if (undecodable != null) {
            throw new UnusableFileException(undecodable);
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

    private static ImagePlane imagePlane(AttributeList list) {
        double[] position = Attributes.doubles(list, TagFromName.ImagePositionPatient);
        double[] orientation = Attributes.doubles(list, TagFromName.ImageOrientationPatient);
        double[] spacing = Attributes.doubles(list, TagFromName.PixelSpacing);
        if (spacing.length < 2) {
            spacing = Attributes.doubles(list, TagFromName.ImagerPixelSpacing);
        }
        return Attributes.plane(position, orientation, spacing, Attributes.decimal(list, TagFromName.SliceThickness));
    }

    private static AttributeList functionalGroup(AttributeList list, AttributeTag sequence, int item) {
        if (list.get(sequence) instanceof SequenceAttribute seq && item < seq.getNumberOfItems()) {
            return seq.getItem(item).getAttributeList();
        }
        return null;
    }

    private static ImagePlane functionalGroupPlane(AttributeList group) {
        AttributeList position = functionalGroup(group, TagFromName.PlanePositionSequence, 0);
        AttributeList orientation = functionalGroup(group, TagFromName.PlaneOrientationSequence, 0);
        AttributeList measures = functionalGroup(group, TagFromName.PixelMeasuresSequence, 0);
        if (position == null && orientation == null && measures == null) {
            return null;
        }
        return Attributes.plane(
                position == null ? new double[0] : Attributes.doubles(position, TagFromName.ImagePositionPatient),
                orientation == null ? new double[0] : Attributes.doubles(orientation, TagFromName.ImageOrientationPatient),
                measures == null ? new double[0] : Attributes.doubles(measures, TagFromName.PixelSpacing),
                measures == null ? null : Attributes.decimal(measures, TagFromName.SliceThickness));
    }

    private static List<ImagePlane> perFramePlanes(AttributeList list) {
        if (!(list.get(TagFromName.PerFrameFunctionalGroupsSequence) instanceof SequenceAttribute seq)) {
            return List.of();
        }
        List<ImagePlane> planes = new ArrayList<>(seq.getNumberOfItems());
        for (int i = 0; i < seq.getNumberOfItems(); i++) {
            ImagePlane plane = functionalGroupPlane(seq.getItem(i).getAttributeList());
            planes.add(plane == null ? new ImagePlane(null, null, null, null, null, null) : plane);
        }
        return planes;
    }

    private static ModalityLut modalityLut(AttributeList list) {
        Double slope = Attributes.decimal(list, TagFromName.RescaleSlope);
        Double intercept = Attributes.decimal(list, TagFromName.RescaleIntercept);
        String type = Attributes.string(list, TagFromName.RescaleType);
        return new ModalityLut(slope == null || slope == 0 ? 1 : slope, intercept == null ? 0 : intercept, type == null ? "" : type);
    }

    private static ModalityLut functionalGroupLut(AttributeList shared, AttributeList firstFrame, ModalityLut fallback) {
        for (AttributeList group : new AttributeList[] {firstFrame, shared}) {
            AttributeList transform = group == null ? null : functionalGroup(group, TagFromName.PixelValueTransformationSequence, 0);
            if (transform != null && transform.get(TagFromName.RescaleSlope) != null) {
                return modalityLut(transform);
            }
        }
        return fallback;
    }

    private static List<WindowPreset> windows(AttributeList list) {
        double[] centers = Attributes.doubles(list, TagFromName.WindowCenter);
        double[] widths = Attributes.doubles(list, TagFromName.WindowWidth);
        String[] names = Attributes.strings(list, TagFromName.WindowCenterWidthExplanation) == null
                ? new String[0] : Attributes.strings(list, TagFromName.WindowCenterWidthExplanation).split("\\\\");
        List<WindowPreset> presets = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            if (widths[i] >= 1) {
                String name = i < names.length && !names[i].isBlank() ? names[i].trim() : "File " + (i + 1);
                presets.add(new WindowPreset(name, centers[i], widths[i]));
            }
        }
        return presets;
    }

    private static List<WindowPreset> functionalGroupWindows(AttributeList shared, AttributeList firstFrame) {
        for (AttributeList group : new AttributeList[] {firstFrame, shared}) {
            AttributeList voi = group == null ? null : functionalGroup(group, TagFromName.FrameVOILUTSequence, 0);
            if (voi != null) {
                List<WindowPreset> presets = windows(voi);
                if (!presets.isEmpty()) {
                    return presets;
                }
            }
        }
        return List.of();
    }

    private static VoiLut voiLut(AttributeList list) {
        AttributeList item = functionalGroup(list, TagFromName.VOILUTSequence, 0);
        if (item == null) {
            return null;
        }
        try {
            Attribute descriptor = item.get(TagFromName.LUTDescriptor);
            Attribute data = item.get(TagFromName.LUTData);
            if (descriptor == null || data == null) {
                return null;
            }
            int[] d = descriptor.getIntegerValues();
            int entries = d[0] == 0 ? 65536 : d[0] & 0xFFFF;
            int first = d[1];
            if ("US".equals(descriptor.getVRAsString()) && first > 32767) {
                first = (short) first; // the first mapped value is signed when pixels are (PS3.3 C.11.2.1.1)
            }
            int bits = d[2];
            int[] values = new int[entries];
            short[] raw = data.getShortValues();
            if (raw == null || raw.length < entries) {
                return null;
            }
            for (int i = 0; i < entries; i++) {
                values[i] = raw[i] & 0xFFFF;
            }
            return new VoiLut(Attributes.string(item, TagFromName.LUTExplanation), first, bits, values);
        } catch (DicomException | RuntimeException e) {
            return null; // a malformed VOI LUT must not make the image unreadable; presets still work
        }
    }

    /** Finds Pixel Data's value offset from the byte count PixelMed consumed when it stopped at its tag. */
    private static PixelDataLocation locatePixelData(Path file, long size, long consumed, String transferSyntax) {
        if (consumed >= size || TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax)) {
            return PixelDataLocation.UNKNOWN;
        }
        boolean bigEndian = TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN.equals(transferSyntax);
        boolean implicit = TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax);
        long tagStart = consumed - 4;
        ByteBuffer buffer = ByteBuffer.allocate(12).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.read(buffer, tagStart) < 8) {
                return PixelDataLocation.UNKNOWN;
            }
        } catch (IOException e) {
            return PixelDataLocation.UNKNOWN;
        }
        buffer.flip();
        if ((buffer.getShort(0) & 0xFFFF) != PIXEL_DATA_GROUP || (buffer.getShort(2) & 0xFFFF) != PIXEL_DATA_ELEMENT) {
            return PixelDataLocation.UNKNOWN;
        }
        long length;
        long valueOffset;
        if (implicit) {
            length = buffer.getInt(4) & 0xFFFFFFFFL;
            valueOffset = tagStart + 8;
        } else {
            length = buffer.getInt(8) & 0xFFFFFFFFL;
            valueOffset = tagStart + 12;
        }
        boolean encapsulated = length == 0xFFFFFFFFL;
        return new PixelDataLocation(valueOffset, encapsulated ? size - valueOffset : length, encapsulated);
    }

    private static boolean pixelDataTagAt(Path file, long offset) {
        ByteBuffer buffer = ByteBuffer.allocate(4);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (offset < 0 || channel.read(buffer, offset) < 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        byte[] b = buffer.array();
        return (b[0] == (byte) 0xE0 && b[1] == 0x7F && b[2] == 0x10 && b[3] == 0)
                || (b[0] == 0x7F && b[1] == (byte) 0xE0 && b[2] == 0 && b[3] == 0x10);
    }

    private static long fileSize(Path file) throws UnusableFileException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UnusableFileException("file not found");
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }
}
