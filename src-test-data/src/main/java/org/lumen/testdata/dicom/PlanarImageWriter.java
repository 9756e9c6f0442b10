// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.lumen.viewer.dicom.DicomUids;
import org.lumen.viewer.dicom.Part10Files;
import org.lumen.viewer.dicom.Utf8Text;

/**
 * Writes the 2D phantoms as the objects a site receives: a mammogram as Digital Mammography X-Ray Image (For
 * Presentation), a chest radiograph as Digital X-Ray Image (For Presentation) and a fundus photograph as Ophthalmic
 * Photography 8 Bit Image, each with the modules its IOD requires (checked with dciodvfy), in Explicit VR Little
 * Endian, atomically. Codes are SNOMED CT (SCT), as the standard's context groups give them since 2019.
 */
public final class PlanarImageWriter {

    /** Digital Mammography X-Ray Image Storage – For Presentation. */
    public static final String MAMMOGRAPHY_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2";
    /** Digital X-Ray Image Storage – For Presentation. */
    public static final String DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";
    /** Ophthalmic Photography 8 Bit Image Storage. */
    public static final String OPHTHALMIC_PHOTOGRAPHY_8_BIT = "1.2.840.10008.5.1.4.1.1.77.1.5.1";

    /** The stored bits of the grey phantoms: 12, like most detectors' For Presentation images. */
    public static final int GREY_BITS = 12;

    private static final String CHARACTER_SET = "ISO_IR 192";
    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;
    // PixelMed's TagFromName is a curated subset of the dictionary: these are not in it.
    private static final AttributeTag SYNCHRONIZATION_FRAME_OF_REFERENCE_UID = new AttributeTag(0x0020, 0x0200);
    private static final AttributeTag SYNCHRONIZATION_TRIGGER = new AttributeTag(0x0018, 0x106A);
    private static final AttributeTag ACQUISITION_TIME_SYNCHRONIZED = new AttributeTag(0x0018, 0x1800);
    private static final AttributeTag VIEW_POSITION = new AttributeTag(0x0018, 0x5101);
    private static final AttributeTag KVP = new AttributeTag(0x0018, 0x0060);
    private static final AttributeTag DETECTOR_TYPE = new AttributeTag(0x0018, 0x7004);
    private static final AttributeTag ACQUISITION_DEVICE_TYPE_CODE_SEQUENCE = new AttributeTag(0x0022, 0x0015);
    private static final AttributeTag EMMETROPIC_MAGNIFICATION = new AttributeTag(0x0022, 0x000A);
    private static final AttributeTag HORIZONTAL_FIELD_OF_VIEW = new AttributeTag(0x0022, 0x000C);
    private static final AttributeTag ILLUMINATION_TYPE_CODE_SEQUENCE = new AttributeTag(0x0022, 0x0016);
    private static final AttributeTag IMAGE_PATH_FILTER_TYPE_STACK_CODE_SEQUENCE = new AttributeTag(0x0022, 0x0018);
    private static final AttributeTag INTRA_OCULAR_PRESSURE = new AttributeTag(0x0022, 0x000B);
    private static final AttributeTag LENSES_CODE_SEQUENCE = new AttributeTag(0x0022, 0x0019);
    private static final AttributeTag LIGHT_PATH_FILTER_TYPE_STACK_CODE_SEQUENCE = new AttributeTag(0x0022, 0x0017);
    private static final AttributeTag ORGAN_EXPOSED = new AttributeTag(0x0040, 0x0318);
    private static final AttributeTag PATIENT_EYE_MOVEMENT_COMMANDED = new AttributeTag(0x0022, 0x0005);
    private static final AttributeTag PIXEL_INTENSITY_RELATIONSHIP = new AttributeTag(0x0028, 0x1040);
    private static final AttributeTag PIXEL_INTENSITY_RELATIONSHIP_SIGN = new AttributeTag(0x0028, 0x1041);
    private static final AttributeTag POSITIONER_TYPE = new AttributeTag(0x0018, 0x1508);
    private static final AttributeTag PUPIL_DILATED = new AttributeTag(0x0022, 0x000D);
    private static final AttributeTag REFRACTIVE_STATE_SEQUENCE = new AttributeTag(0x0022, 0x001B);

    /** A mammographic view: CC or MLO, with its SNOMED CT code. */
    public enum MammoView {
        CC("399162004", "cranio-caudal"),
        MLO("399368009", "medio-lateral oblique");

        private final String code;
        private final String meaning;

        MammoView(String code, String meaning) {
            this.code = code;
            this.meaning = meaning;
        }
    }

    /**
     * A mammogram, chest wall on the image's left for a left breast and on its right for a right breast, as the
     * Patient Orientation written says (A\R, P\L, A\FR, P\FL).
     *
     * @param pixels rows × columns unsigned 12-bit samples, brighter = denser (MONOCHROME2)
     * @throws IOException naming {@code target} when it cannot be written
     */
    public void writeMammogram(Path target, PlanarHeader header, MammoView view, short[] pixels, double windowCenter,
                               double windowWidth) throws IOException {
        Objects.requireNonNull(view, "view");
        write(target, header, list -> {
            Utf8Text text = new Utf8Text();
            putCommon(list, text, header, MAMMOGRAPHY_FOR_PRESENTATION, "MG", "BREAST");
            putProjection(list, text, header, pixels, windowCenter, windowWidth, "MAMMOGRAPHIC");
            boolean left = header.laterality().equals("L");
            String orientation = switch (view) {
                case CC -> left ? "A\\R" : "P\\L";
                case MLO -> left ? "A\\FR" : "P\\FL";
            };
            text.put(list, TagFromName.PatientOrientation, orientation.split("\\\\"));
            text.put(list, TagFromName.ImageLaterality, header.laterality());
            text.put(list, VIEW_POSITION, view.name());
            list.put(sequence(TagFromName.AnatomicRegionSequence, code(text, "76752008", "Breast")));
            text.put(list, ORGAN_EXPOSED, "BREAST");
            AttributeList viewCode = code(text, view.code, view.meaning);
            viewCode.put(new SequenceAttribute(TagFromName.ViewModifierCodeSequence));
            list.put(sequence(TagFromName.ViewCodeSequence, viewCode));
        });
    }

    /**
     * A postero-anterior chest radiograph, patient's right on the image's left (Patient Orientation L\F).
     *
     * @param pixels rows × columns unsigned 12-bit samples, brighter = denser (MONOCHROME2)
     * @throws IOException naming {@code target} when it cannot be written
     */
    public void writeChestRadiograph(Path target, PlanarHeader header, short[] pixels, double windowCenter,
                                     double windowWidth) throws IOException {
        write(target, header, list -> {
            Utf8Text text = new Utf8Text();
            putCommon(list, text, header, DX_FOR_PRESENTATION, "DX", "CHEST");
            putProjection(list, text, header, pixels, windowCenter, windowWidth, "NONE");
            text.put(list, TagFromName.PatientOrientation, "L", "F");
            text.put(list, TagFromName.ImageLaterality, header.laterality());
            text.put(list, VIEW_POSITION, "PA");
            list.put(sequence(TagFromName.AnatomicRegionSequence, code(text, "43799004", "Chest")));
            list.put(sequence(TagFromName.ViewCodeSequence, code(text, "399348003", "postero-anterior")));
        });
    }

    /**
     * A colour fundus photograph of one eye.
     *
     * @param rgb rows × columns pixels, each red, green, blue (one byte each), row by row
     * @throws IOException naming {@code target} when it cannot be written
     */
    public void writeFundus(Path target, PlanarHeader header, byte[] rgb) throws IOException {
        write(target, header, list -> {
            if (rgb.length != header.pixelCount() * 3) {
                throw new IllegalArgumentException("expected " + header.pixelCount() * 3 + " bytes of RGB, got " + rgb.length);
            }
            Utf8Text text = new Utf8Text();
            putCommon(list, text, header, OPHTHALMIC_PHOTOGRAPHY_8_BIT, "OP", "EYE");
            text.put(list, TagFromName.ImageType, "ORIGINAL", "PRIMARY");
            text.put(list, TagFromName.AcquisitionDateTime, header.study().date() + header.study().time());
            text.put(list, TagFromName.LossyImageCompression, "00");
            text.put(list, TagFromName.BurnedInAnnotation, "NO");
            text.put(list, TagFromName.PatientOrientation);
            putNumbers(list, TagFromName.NumberOfFrames, 1);
            list.put(tagValue(TagFromName.FrameIncrementPointer, TagFromName.FrameTime));
            putNumbers(list, TagFromName.FrameTime, 0.0);
            text.put(list, TagFromName.ImageLaterality, header.laterality());
            // The Synchronization module the IOD asks for: a frame of reference of its own, no trigger.
            text.put(list, SYNCHRONIZATION_FRAME_OF_REFERENCE_UID, DicomUids.fromName(header.sopInstanceUid() + "/synchronization"));
            text.put(list, SYNCHRONIZATION_TRIGGER, "NO TRIGGER");
            text.put(list, ACQUISITION_TIME_SYNCHRONIZED, "N");
            list.put(sequence(TagFromName.AnatomicRegionSequence, code(text, "5665001", "Retina")));
            list.put(sequence(ACQUISITION_DEVICE_TYPE_CODE_SEQUENCE, code(text, "409898007", "Fundus Camera")));
            list.put(new SequenceAttribute(ILLUMINATION_TYPE_CODE_SEQUENCE));
            list.put(new SequenceAttribute(LIGHT_PATH_FILTER_TYPE_STACK_CODE_SEQUENCE));
            list.put(new SequenceAttribute(IMAGE_PATH_FILTER_TYPE_STACK_CODE_SEQUENCE));
            list.put(new SequenceAttribute(LENSES_CODE_SEQUENCE));
            text.put(list, DETECTOR_TYPE, "CCD");
            text.put(list, PATIENT_EYE_MOVEMENT_COMMANDED);
            text.put(list, HORIZONTAL_FIELD_OF_VIEW);
            list.put(new SequenceAttribute(REFRACTIVE_STATE_SEQUENCE));
            text.put(list, EMMETROPIC_MAGNIFICATION);
            text.put(list, INTRA_OCULAR_PRESSURE);
            text.put(list, PUPIL_DILATED);
            list.put(new SequenceAttribute(TagFromName.AcquisitionContextSequence));
            putNumbers(list, TagFromName.PixelSpacing, header.pixelSpacingMm(), header.pixelSpacingMm());
            putNumbers(list, TagFromName.SamplesPerPixel, 3);
            text.put(list, TagFromName.PhotometricInterpretation, "RGB");
            putNumbers(list, TagFromName.PlanarConfiguration, 0);
            putNumbers(list, TagFromName.Rows, header.rows());
            putNumbers(list, TagFromName.Columns, header.columns());
            putNumbers(list, TagFromName.BitsAllocated, 8);
            putNumbers(list, TagFromName.BitsStored, 8);
            putNumbers(list, TagFromName.HighBit, 7);
            putNumbers(list, TagFromName.PixelRepresentation, 0);
            Attribute pixelData = new OtherByteAttribute(TagFromName.PixelData);
            pixelData.setValues(rgb);
            list.put(pixelData);
        });
    }

    /** Builds one object's attributes. */
    @FunctionalInterface
    private interface Content {
        void fill(AttributeList list) throws DicomException;
    }

    private static void write(Path target, PlanarHeader header, Content content) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(header, "header");
        AttributeList list = new AttributeList();
        try {
            content.fill(list);
        } catch (DicomException e) {
            throw new IOException("cannot build DICOM attributes for " + target + ": " + e.getMessage(), e);
        }
        Part10Files.write(list, Part10Files.EXPLICIT_VR_LITTLE_ENDIAN, target);
    }

    /** Patient, study, series, equipment and SOP common modules. */
    private static void putCommon(AttributeList list, Utf8Text text, PlanarHeader header, String sopClass, String modality,
                                  String bodyPart) throws DicomException {
        var study = header.study();
        text.patientAndStudy(list, header.patient(), study);
        text.put(list, TagFromName.SOPClassUID, sopClass);
        text.put(list, TagFromName.SOPInstanceUID, header.sopInstanceUid());
        text.put(list, TagFromName.SeriesInstanceUID, header.seriesInstanceUid());
        putNumbers(list, TagFromName.SeriesNumber, header.seriesNumber());
        text.put(list, TagFromName.SeriesDescription, header.seriesDescription());
        text.put(list, TagFromName.SeriesDate, study.date());
        text.put(list, TagFromName.SeriesTime, study.time());
        text.put(list, TagFromName.Modality, modality);
        text.put(list, TagFromName.BodyPartExamined, bodyPart);
        text.put(list, TagFromName.Manufacturer, "Lumen");
        text.put(list, TagFromName.ManufacturerModelName, "Lumen synthetic phantom");
        putNumbers(list, TagFromName.InstanceNumber, header.instanceNumber());
        text.put(list, TagFromName.ContentDate, study.date());
        text.put(list, TagFromName.ContentTime, study.time());
    }

    /** DX Series, DX Image, DX Detector, VOI LUT and the grey Image Pixel module of a projection radiograph. */
    private static void putProjection(AttributeList list, Utf8Text text, PlanarHeader header, short[] pixels,
                                      double windowCenter, double windowWidth, String positionerType) throws DicomException {
        if (pixels.length != header.pixelCount()) {
            throw new IllegalArgumentException("expected " + header.pixelCount() + " samples (" + header.rows() + " rows × "
                    + header.columns() + " columns), got " + pixels.length);
        }
        text.put(list, TagFromName.PresentationIntentType, "FOR PRESENTATION");
        text.put(list, TagFromName.ImageType, "ORIGINAL", "PRIMARY");
        text.put(list, PIXEL_INTENSITY_RELATIONSHIP, "LIN");
        putNumbers(list, PIXEL_INTENSITY_RELATIONSHIP_SIGN, 1);
        putNumbers(list, TagFromName.RescaleIntercept, 0.0);
        putNumbers(list, TagFromName.RescaleSlope, 1.0);
        text.put(list, TagFromName.RescaleType, "US");
        text.put(list, TagFromName.PresentationLUTShape, "IDENTITY");
        text.put(list, TagFromName.LossyImageCompression, "00");
        text.put(list, TagFromName.BurnedInAnnotation, "NO");
        text.put(list, TagFromName.AcquisitionDate, header.study().date());
        text.put(list, TagFromName.AcquisitionTime, header.study().time());
        text.put(list, KVP);
        text.put(list, POSITIONER_TYPE, positionerType);
        text.put(list, DETECTOR_TYPE, "DIRECT");
        putNumbers(list, TagFromName.ImagerPixelSpacing, header.pixelSpacingMm(), header.pixelSpacingMm());
        putNumbers(list, TagFromName.PixelSpacing, header.pixelSpacingMm(), header.pixelSpacingMm());
        putNumbers(list, TagFromName.WindowCenter, windowCenter);
        putNumbers(list, TagFromName.WindowWidth, windowWidth);
        list.put(new SequenceAttribute(TagFromName.AcquisitionContextSequence));
        putNumbers(list, TagFromName.SamplesPerPixel, 1);
        text.put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        putNumbers(list, TagFromName.Rows, header.rows());
        putNumbers(list, TagFromName.Columns, header.columns());
        putNumbers(list, TagFromName.BitsAllocated, 16);
        putNumbers(list, TagFromName.BitsStored, GREY_BITS);
        putNumbers(list, TagFromName.HighBit, GREY_BITS - 1);
        putNumbers(list, TagFromName.PixelRepresentation, 0);
        Attribute pixelData = new OtherWordAttribute(TagFromName.PixelData);
        pixelData.setValues(pixels);
        list.put(pixelData);
    }

    private static AttributeList code(Utf8Text text, String value, String meaning) throws DicomException {
        AttributeList item = new AttributeList();
        text.put(item, TagFromName.CodeValue, value);
        text.put(item, TagFromName.CodingSchemeDesignator, "SCT");
        text.put(item, TagFromName.CodeMeaning, meaning);
        return item;
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

    private static void putNumbers(AttributeList list, AttributeTag tag, double... values) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag));
        for (double value : values) {
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
}
