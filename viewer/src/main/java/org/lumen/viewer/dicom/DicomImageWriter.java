// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.image.WindowPreset;

/**
 * Writes 16-bit grey CT and MR images as DICOM files (Explicit VR Little Endian, UTF-8 text):
 * single-frame images one file per slice, or one enhanced multi-frame image per volume.
 * Every file is written to a temporary file beside the target and then renamed onto it, so a
 * reader never sees half a file. Instances are stateless and safe to share between threads.
 */
public final class DicomImageWriter {

    private static final String CHARACTER_SET = "ISO_IR 192";
    private static final String MANUFACTURER = "Lumen";
    private static final String STACK_ID = "1";
    private static final int BUFFER_BYTES = 1 << 16;
    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

    // PixelMed's TagFromName is a curated subset of the dictionary: these are not in it.
    private static final AttributeTag SCANNING_SEQUENCE = new AttributeTag(0x0018, 0x0020);
    private static final AttributeTag SEQUENCE_VARIANT = new AttributeTag(0x0018, 0x0021);
    private static final AttributeTag SCAN_OPTIONS = new AttributeTag(0x0018, 0x0022);
    private static final AttributeTag KVP = new AttributeTag(0x0018, 0x0060);

    /**
     * Writes one single-frame image (CT Image Storage or MR Image Storage).
     *
     * @param pixels rows × columns samples, row by row
     * @throws IOException naming {@code target} when it cannot be written
     */
    public void writeSlice(Path target, SeriesDescriptor series, SliceDescriptor slice, short[] pixels)
            throws IOException {
        writeSingleFrame(target, series, slice, pixels, series.modality() == ImageModality.CT ? "AXIAL" : "OTHER");
    }

    /**
     * Writes one single-frame localizer (scout, topogram): Image Type ORIGINAL\PRIMARY\LOCALIZER, as scanners
     * mark the planning images readers skip past.
     *
     * @throws IOException naming {@code target} when it cannot be written
     */
    public void writeLocalizer(Path target, SeriesDescriptor series, SliceDescriptor slice, short[] pixels)
            throws IOException {
        writeSingleFrame(target, series, slice, pixels, "LOCALIZER");
    }

    private void writeSingleFrame(Path target, SeriesDescriptor series, SliceDescriptor slice, short[] pixels, String imageType)
            throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(slice, "slice");
        checkPixels(series, pixels, 1);
        AttributeList list;
        try {
            list = singleFrame(series, slice, pixels, imageType);
        } catch (DicomException e) {
            throw new IOException("cannot build DICOM attributes for " + target + ": " + e.getMessage(), e);
        }
        writeAtomically(list, target);
    }

    /**
     * Writes one enhanced multi-frame image (Enhanced CT or Enhanced MR Image Storage) with shared
     * pixel measures, orientation and rescale, and a position per frame.
     *
     * @param pixels every frame's rows × columns samples, frame after frame in {@code frames}' order
     * @throws IOException naming {@code target} when it cannot be written
     */
    public void writeMultiFrame(Path target, SeriesDescriptor series, MultiFrameDescriptor frames, short[] pixels)
            throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(frames, "frames");
        checkPixels(series, pixels, frames.frameCount());
        AttributeList list;
        try {
            list = multiFrame(series, frames, pixels);
        } catch (DicomException e) {
            throw new IOException("cannot build DICOM attributes for " + target + ": " + e.getMessage(), e);
        }
        writeAtomically(list, target);
    }

    private static void checkPixels(SeriesDescriptor series, short[] pixels, int frames) {
        Objects.requireNonNull(pixels, "pixels");
        long expected = (long) series.geometry().pixelCount() * frames;
        if (expected * 2 > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("pixel data of " + expected + " samples does not fit one DICOM element");
        }
        if (pixels.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " samples (" + series.geometry().rows() + " rows × "
                    + series.geometry().columns() + " columns × " + frames + " frames), got " + pixels.length);
        }
        PixelEncoding encoding = series.encoding();
        if (encoding.bitsStored() == 16) {
            return; // every short is a valid 16-bit sample, signed or not
        }
        int min = encoding.minStoredValue();
        int max = encoding.maxStoredValue();
        for (int i = 0; i < pixels.length; i++) {
            int value = encoding.storedValue(pixels[i]);
            if (value < min || value > max) {
                throw new IllegalArgumentException("sample " + i + " is " + value + ", outside the " + encoding.bitsStored()
                        + "-bit " + (encoding.signed() ? "signed" : "unsigned") + " range " + min + ".." + max);
            }
        }
    }

    private static AttributeList singleFrame(SeriesDescriptor series, SliceDescriptor slice, short[] pixels, String imageType)
            throws DicomException {
        Utf8Text text = new Utf8Text();
        AttributeList list = new AttributeList();
        putCommon(list, text, series, series.modality().imageStorageSopClass(), slice.sopInstanceUid(),
                slice.instanceNumber());
        text.put(list, TagFromName.ImageType, "ORIGINAL", "PRIMARY", imageType);
        putAcquisition(list, text, series.modality());
        SliceGeometry geometry = series.geometry();
        putVector(list, TagFromName.ImagePositionPatient, slice.imagePosition());
        putOrientation(list, geometry);
        putPixelMeasures(list, geometry);
        if (series.encoding().hasRescale()) {
            putRescale(list, text, series.encoding());
        }
        putWindows(list, text, series.windows());
        putPixelModule(list, text, series, pixels);
        return list;
    }

    private static AttributeList multiFrame(SeriesDescriptor series, MultiFrameDescriptor frames, short[] pixels)
            throws DicomException {
        Utf8Text text = new Utf8Text();
        AttributeList list = new AttributeList();
        putCommon(list, text, series, series.modality().enhancedImageStorageSopClass(), frames.sopInstanceUid(),
                frames.instanceNumber());
        String[] frameType = {"ORIGINAL", "PRIMARY", "VOLUME", "NONE"};
        text.put(list, TagFromName.ImageType, frameType);
        putNumbers(list, TagFromName.NumberOfFrames, frames.frameCount());
        text.put(list, TagFromName.AcquisitionNumber, "1");
        text.put(list, TagFromName.AcquisitionDateTime, dateTime(series));
        text.put(list, TagFromName.PixelPresentation, "MONOCHROME");
        text.put(list, TagFromName.VolumetricProperties, "VOLUME");
        text.put(list, TagFromName.VolumeBasedCalculationTechnique, "NONE");
        text.put(list, TagFromName.ContentQualification, "RESEARCH");
        text.put(list, TagFromName.BurnedInAnnotation, "NO");
        text.put(list, TagFromName.LossyImageCompression, "00");
        text.put(list, TagFromName.PresentationLUTShape, "IDENTITY");
        if (series.modality() == ImageModality.MR) {
            text.put(list, TagFromName.ComplexImageComponent, "MAGNITUDE");
            text.put(list, TagFromName.AcquisitionContrast, "UNKNOWN");
        }
        putDimensions(list, text, frames);
        list.put(sequence(TagFromName.SharedFunctionalGroupsSequence, sharedGroups(series, text, frameType)));
        SequenceAttribute perFrame = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
        List<Vec3> positions = frames.framePositions();
        for (int f = 0; f < positions.size(); f++) {
            perFrame.addItem(frameGroups(text, f + 1, positions.get(f)));
        }
        list.put(perFrame);
        putPixelModule(list, text, series, pixels);
        return list;
    }

    /** Patient, study, series, equipment, frame of reference and SOP common modules. */
    private static void putCommon(AttributeList list, Utf8Text text, SeriesDescriptor series, String sopClass,
                                  String sopInstanceUid, int instanceNumber) throws DicomException {
        var study = series.study();
        text.patientAndStudy(list, series.patient(), study);
        text.put(list, TagFromName.SOPClassUID, sopClass);
        text.put(list, TagFromName.SOPInstanceUID, sopInstanceUid);
        text.put(list, TagFromName.SeriesInstanceUID, series.seriesInstanceUid());
        putNumbers(list, TagFromName.SeriesNumber, series.seriesNumber());
        text.put(list, TagFromName.SeriesDescription, series.seriesDescription());
        text.put(list, TagFromName.SeriesDate, study.date());
        text.put(list, TagFromName.SeriesTime, study.time());
        text.put(list, TagFromName.Modality, series.modality().code());
        text.put(list, TagFromName.BodyPartExamined, series.bodyPartExamined());
        text.put(list, TagFromName.PatientPosition);
        text.put(list, TagFromName.Manufacturer, MANUFACTURER);
        text.put(list, TagFromName.FrameOfReferenceUID, series.frameOfReferenceUid());
        text.put(list, TagFromName.PositionReferenceIndicator);
        putNumbers(list, TagFromName.InstanceNumber, instanceNumber);
        text.put(list, TagFromName.ContentDate, study.date());
        text.put(list, TagFromName.ContentTime, study.time());
    }

    /** Acquisition attributes the CT Image and MR Image modules require; enhanced images keep them in functional groups. */
    private static void putAcquisition(AttributeList list, Utf8Text text, ImageModality modality) throws DicomException {
        if (modality == ImageModality.CT) {
            text.put(list, KVP);
            text.put(list, TagFromName.AcquisitionNumber);
        } else {
            // Type 1 in the MR Image module: "RM" (research mode) is the honest value for synthetic images.
            text.put(list, SCANNING_SEQUENCE, "RM");
            text.put(list, SEQUENCE_VARIANT, "NONE");
            text.put(list, SCAN_OPTIONS);
            text.put(list, TagFromName.MRAcquisitionType);
            text.put(list, TagFromName.RepetitionTime);
            text.put(list, TagFromName.EchoTime);
            text.put(list, TagFromName.EchoTrainLength);
        }
    }

    private static void putPixelModule(AttributeList list, Utf8Text text, SeriesDescriptor series, short[] pixels)
            throws DicomException {
        SliceGeometry geometry = series.geometry();
        PixelEncoding encoding = series.encoding();
        putNumbers(list, TagFromName.SamplesPerPixel, 1);
        text.put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        putNumbers(list, TagFromName.Rows, geometry.rows());
        putNumbers(list, TagFromName.Columns, geometry.columns());
        putNumbers(list, TagFromName.BitsAllocated, 16);
        putNumbers(list, TagFromName.BitsStored, encoding.bitsStored());
        putNumbers(list, TagFromName.HighBit, encoding.bitsStored() - 1);
        putNumbers(list, TagFromName.PixelRepresentation, encoding.signed() ? 1 : 0);
        Attribute pixelData = new OtherWordAttribute(TagFromName.PixelData);
        pixelData.setValues(pixels);
        list.put(pixelData);
    }

    private static void putOrientation(AttributeList list, SliceGeometry geometry) throws DicomException {
        Vec3 r = geometry.rowDirection();
        Vec3 c = geometry.columnDirection();
        putNumbers(list, TagFromName.ImageOrientationPatient, r.x(), r.y(), r.z(), c.x(), c.y(), c.z());
    }

    private static void putPixelMeasures(AttributeList list, SliceGeometry geometry) throws DicomException {
        putNumbers(list, TagFromName.PixelSpacing, geometry.rowSpacingMm(), geometry.columnSpacingMm());
        putNumbers(list, TagFromName.SliceThickness, geometry.sliceThicknessMm());
        if (geometry.spacingBetweenSlicesMm().isPresent()) {
            putNumbers(list, TagFromName.SpacingBetweenSlices, geometry.spacingBetweenSlicesMm().getAsDouble());
        }
    }

    private static void putRescale(AttributeList list, Utf8Text text, PixelEncoding encoding) throws DicomException {
        putNumbers(list, TagFromName.RescaleIntercept, encoding.rescaleIntercept());
        putNumbers(list, TagFromName.RescaleSlope, encoding.rescaleSlope());
        text.put(list, TagFromName.RescaleType, encoding.rescaleType());
    }

    private static void putWindows(AttributeList list, Utf8Text text, List<WindowPreset> windows) throws DicomException {
        if (windows.isEmpty()) {
            return;
        }
        double[] centers = new double[windows.size()];
        double[] widths = new double[windows.size()];
        String[] names = new String[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            centers[i] = windows.get(i).center();
            widths[i] = windows.get(i).width();
            names[i] = windows.get(i).name() == null ? "" : windows.get(i).name();
        }
        putNumbers(list, TagFromName.WindowCenter, centers);
        putNumbers(list, TagFromName.WindowWidth, widths);
        text.put(list, TagFromName.WindowCenterWidthExplanation, names);
    }

    /** Multi-frame Dimension module: frames are indexed by stack and position in the stack. */
    private static void putDimensions(AttributeList list, Utf8Text text, MultiFrameDescriptor frames)
            throws DicomException {
        String organization = DicomUids.fromName(frames.sopInstanceUid() + "/dimension-organization");
        AttributeList organizationItem = new AttributeList();
        text.put(organizationItem, TagFromName.DimensionOrganizationUID, organization);
        list.put(sequence(TagFromName.DimensionOrganizationSequence, organizationItem));
        SequenceAttribute index = new SequenceAttribute(TagFromName.DimensionIndexSequence);
        index.addItem(dimension(text, organization, TagFromName.StackID, "Stack ID"));
        index.addItem(dimension(text, organization, TagFromName.InStackPositionNumber, "In-Stack Position Number"));
        list.put(index);
        text.put(list, TagFromName.DimensionOrganizationType, "3D");
    }

    private static AttributeList dimension(Utf8Text text, String organization, AttributeTag pointer, String label)
            throws DicomException {
        AttributeList item = new AttributeList();
        text.put(item, TagFromName.DimensionOrganizationUID, organization);
        item.put(tagValue(TagFromName.DimensionIndexPointer, pointer));
        item.put(tagValue(TagFromName.FunctionalGroupPointer, TagFromName.FrameContentSequence));
        text.put(item, TagFromName.DimensionDescriptionLabel, label);
        return item;
    }

    private static AttributeList sharedGroups(SeriesDescriptor series, Utf8Text text, String[] frameType)
            throws DicomException {
        SliceGeometry geometry = series.geometry();
        AttributeList shared = new AttributeList();

        AttributeList measures = new AttributeList();
        putPixelMeasures(measures, geometry);
        shared.put(sequence(TagFromName.PixelMeasuresSequence, measures));

        AttributeList orientation = new AttributeList();
        putOrientation(orientation, geometry);
        shared.put(sequence(TagFromName.PlaneOrientationSequence, orientation));

        if (series.encoding().hasRescale()) {
            AttributeList transformation = new AttributeList();
            putRescale(transformation, text, series.encoding());
            shared.put(sequence(TagFromName.PixelValueTransformationSequence, transformation));
        }
        if (!series.windows().isEmpty()) {
            AttributeList voi = new AttributeList();
            putWindows(voi, text, series.windows());
            shared.put(sequence(TagFromName.FrameVOILUTSequence, voi));
        }

        AttributeList type = new AttributeList();
        text.put(type, TagFromName.FrameType, frameType);
        text.put(type, TagFromName.PixelPresentation, "MONOCHROME");
        text.put(type, TagFromName.VolumetricProperties, "VOLUME");
        text.put(type, TagFromName.VolumeBasedCalculationTechnique, "NONE");
        if (series.modality() == ImageModality.MR) {
            text.put(type, TagFromName.ComplexImageComponent, "MAGNITUDE");
            text.put(type, TagFromName.AcquisitionContrast, "UNKNOWN");
            shared.put(sequence(TagFromName.MRImageFrameTypeSequence, type));
        } else {
            shared.put(sequence(TagFromName.CTImageFrameTypeSequence, type));
        }
        return shared;
    }

    private static AttributeList frameGroups(Utf8Text text, int inStackPosition, Vec3 position) throws DicomException {
        AttributeList frame = new AttributeList();
        AttributeList content = new AttributeList();
        text.put(content, TagFromName.StackID, STACK_ID);
        putNumbers(content, TagFromName.InStackPositionNumber, inStackPosition);
        putNumbers(content, TagFromName.DimensionIndexValues, 1, inStackPosition);
        frame.put(sequence(TagFromName.FrameContentSequence, content));
        AttributeList plane = new AttributeList();
        putVector(plane, TagFromName.ImagePositionPatient, position);
        frame.put(sequence(TagFromName.PlanePositionSequence, plane));
        return frame;
    }

    private static String dateTime(SeriesDescriptor series) {
        String date = series.study().date();
        String time = series.study().time();
        return date == null ? null : date + (time == null ? "" : time);
    }

    private static SequenceAttribute sequence(AttributeTag tag, AttributeList item) {
        SequenceAttribute sequence = new SequenceAttribute(tag);
        sequence.addItem(item);
        return sequence;
    }

    private static Attribute tagValue(AttributeTag tag, AttributeTag value) throws DicomException {
        AttributeTagAttribute attribute = new AttributeTagAttribute(tag);
        attribute.addValue(value);
        return attribute;
    }

    private static void putVector(AttributeList list, AttributeTag tag, Vec3 v) throws DicomException {
        putNumbers(list, tag, v.x(), v.y(), v.z());
    }

    /** Numbers into an attribute of the dictionary's VR (DS, IS, US, UL): PixelMed formats them for the VR. */
    private static void putNumbers(AttributeList list, AttributeTag tag, double... values) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag));
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(DICTIONARY.getNameFromTag(tag) + " must be finite, was " + value);
            }
            attribute.addValue(value);
        }
        list.put(attribute);
    }

    private static void putNumbers(AttributeList list, AttributeTag tag, int... values) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag));
        for (int value : values) {
            attribute.addValue(value);
        }
        list.put(attribute);
    }

    private static void writeAtomically(AttributeList list, Path target) throws IOException {
        Part10Files.write(list, Part10Files.EXPLICIT_VR_LITTLE_ENDIAN, target);
    }
}
