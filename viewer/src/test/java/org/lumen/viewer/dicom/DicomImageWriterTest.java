// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.StudyInfo;

class DicomImageWriterTest {

    private static final int ROWS = 6;
    private static final int COLUMNS = 8;
    private static final Vec3 ROW_DIRECTION = new Vec3(1, 0, 0);
    private static final Vec3 COLUMN_DIRECTION = new Vec3(0, 0, -1);

    private final DicomImageWriter writer = new DicomImageWriter();

    @TempDir
    Path folder;

    @Test
    void singleFrameCtRoundTripsAttributesAndPixels() throws Exception {
        SeriesDescriptor series = ctSeries();
        short[] pixels = ramp(ROWS * COLUMNS, -1024, 37);
        Path file = folder.resolve("slice.dcm");

        writer.writeSlice(file, series, new SliceDescriptor("1.2.3.4.5", 7, new Vec3(-12.5, 30.25, 100)), pixels);

        AttributeList list = read(file);
        assertThat(string(list, TagFromName.TransferSyntaxUID)).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(string(list, TagFromName.MediaStorageSOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(string(list, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(string(list, TagFromName.SOPInstanceUID)).isEqualTo("1.2.3.4.5");
        assertThat(string(list, TagFromName.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
        assertThat(string(list, TagFromName.PatientName)).isEqualTo("Müller^Jürgen");
        assertThat(string(list, TagFromName.PatientID)).isEqualTo("P-1");
        assertThat(string(list, TagFromName.PatientBirthDate)).isEqualTo("19600229");
        assertThat(string(list, TagFromName.PatientSex)).isEqualTo("M");
        assertThat(string(list, TagFromName.StudyInstanceUID)).isEqualTo("1.2.3");
        assertThat(string(list, TagFromName.StudyDate)).isEqualTo("20240101");
        assertThat(string(list, TagFromName.StudyTime)).isEqualTo("093000");
        assertThat(string(list, TagFromName.StudyDescription)).isEqualTo("Thorax");
        assertThat(string(list, TagFromName.AccessionNumber)).isEqualTo("A-1");
        assertThat(string(list, TagFromName.StudyID)).isEqualTo("S1");
        assertThat(string(list, TagFromName.SeriesInstanceUID)).isEqualTo("1.2.3.4");
        assertThat(string(list, TagFromName.SeriesNumber)).isEqualTo("3");
        assertThat(string(list, TagFromName.SeriesDescription)).isEqualTo("Lungs");
        assertThat(string(list, TagFromName.Modality)).isEqualTo("CT");
        assertThat(string(list, TagFromName.FrameOfReferenceUID)).isEqualTo("1.2.3.9");
        assertThat(string(list, TagFromName.BodyPartExamined)).isEqualTo("CHEST");
        assertThat(string(list, TagFromName.InstanceNumber)).isEqualTo("7");
        assertThat(doubles(list, TagFromName.ImagePositionPatient)).containsExactly(-12.5, 30.25, 100);
        assertThat(doubles(list, TagFromName.ImageOrientationPatient)).containsExactly(1, 0, 0, 0, 0, -1);
        assertThat(doubles(list, TagFromName.PixelSpacing)).containsExactly(0.5, 0.75);
        assertThat(doubles(list, TagFromName.SliceThickness)).containsExactly(2.0);
        assertThat(doubles(list, TagFromName.SpacingBetweenSlices)).containsExactly(1.5);
        assertThat(ints(list, TagFromName.Rows)).containsExactly(ROWS);
        assertThat(ints(list, TagFromName.Columns)).containsExactly(COLUMNS);
        assertThat(ints(list, TagFromName.SamplesPerPixel)).containsExactly(1);
        assertThat(string(list, TagFromName.PhotometricInterpretation)).isEqualTo("MONOCHROME2");
        assertThat(ints(list, TagFromName.BitsAllocated)).containsExactly(16);
        assertThat(ints(list, TagFromName.BitsStored)).containsExactly(16);
        assertThat(ints(list, TagFromName.HighBit)).containsExactly(15);
        assertThat(ints(list, TagFromName.PixelRepresentation)).containsExactly(1);
        assertThat(doubles(list, TagFromName.RescaleIntercept)).containsExactly(0.0);
        assertThat(doubles(list, TagFromName.RescaleSlope)).containsExactly(1.0);
        assertThat(string(list, TagFromName.RescaleType)).isEqualTo("HU");
        assertThat(doubles(list, TagFromName.WindowCenter)).containsExactly(-600, 40);
        assertThat(doubles(list, TagFromName.WindowWidth)).containsExactly(1500, 400);
        assertThat(list.get(TagFromName.WindowCenterWidthExplanation).getStringValues())
                .containsExactly("LUNG", "MEDIASTINUM");
        assertThat(list.get(TagFromName.PixelData).getVRAsString()).isEqualTo("OW");
        assertThat(list.get(TagFromName.PixelData).getShortValues()).containsExactly(pixels);
    }

    @Test
    void textIsEncodedAsUtf8() throws Exception {
        Path file = folder.resolve("utf8.dcm");
        writer.writeSlice(file, ctSeries(), new SliceDescriptor("1.2.3.4.5", 1, Vec3.ZERO), new short[ROWS * COLUMNS]);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        assertThat(indexOf(bytes, "Müller^Jürgen".getBytes(StandardCharsets.UTF_8))).isPositive();
    }

    @Test
    void unsignedMrKeepsSamplesAbove32767AndWritesNoRescale() throws Exception {
        SeriesDescriptor series = mrSeries(PixelEncoding.unsigned(16));
        short[] pixels = ramp(ROWS * COLUMNS, 0, 1300); // runs past 32767 into "negative" shorts
        Path file = folder.resolve("mr.dcm");

        writer.writeSlice(file, series, new SliceDescriptor("1.2.3.4.6", 2, new Vec3(1, 2, 3)), pixels);

        AttributeList list = read(file);
        assertThat(string(list, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.4");
        assertThat(string(list, TagFromName.Modality)).isEqualTo("MR");
        assertThat(string(list, new AttributeTag(0x0018, 0x0020))).isEqualTo("RM");
        assertThat(ints(list, TagFromName.PixelRepresentation)).containsExactly(0);
        assertThat(list.get(TagFromName.RescaleIntercept)).isNull();
        assertThat(list.get(TagFromName.RescaleType)).isNull();
        assertThat(list.get(TagFromName.WindowCenter)).isNull();
        assertThat(list.get(TagFromName.SpacingBetweenSlices)).isNull();
        assertThat(list.get(TagFromName.PixelData).getShortValues()).containsExactly(pixels);
    }

    @Test
    void enhancedCtHasSharedAndPerFrameFunctionalGroups() throws Exception {
        SeriesDescriptor series = ctSeries();
        int frames = 3;
        short[] pixels = ramp(ROWS * COLUMNS * frames, -1000, 11);
        List<Vec3> positions = List.of(new Vec3(0, 0, 0), new Vec3(0, -1.5, 0), new Vec3(0, -3, 0));
        Path file = folder.resolve("enhanced.dcm");

        writer.writeMultiFrame(file, series, new MultiFrameDescriptor("1.2.3.4.7", 1, positions), pixels);

        AttributeList list = read(file);
        assertThat(string(list, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.2.1");
        assertThat(ints(list, TagFromName.NumberOfFrames)).containsExactly(frames);
        assertThat(list.get(TagFromName.ImagePositionPatient)).isNull();

        AttributeList shared = onlyItem(list, TagFromName.SharedFunctionalGroupsSequence);
        AttributeList measures = onlyItem(shared, TagFromName.PixelMeasuresSequence);
        assertThat(doubles(measures, TagFromName.PixelSpacing)).containsExactly(0.5, 0.75);
        assertThat(doubles(measures, TagFromName.SliceThickness)).containsExactly(2.0);
        AttributeList orientation = onlyItem(shared, TagFromName.PlaneOrientationSequence);
        assertThat(doubles(orientation, TagFromName.ImageOrientationPatient)).containsExactly(1, 0, 0, 0, 0, -1);
        AttributeList transformation = onlyItem(shared, TagFromName.PixelValueTransformationSequence);
        assertThat(doubles(transformation, TagFromName.RescaleIntercept)).containsExactly(0.0);
        assertThat(doubles(transformation, TagFromName.RescaleSlope)).containsExactly(1.0);
        assertThat(string(transformation, TagFromName.RescaleType)).isEqualTo("HU");
        AttributeList voi = onlyItem(shared, TagFromName.FrameVOILUTSequence);
        assertThat(doubles(voi, TagFromName.WindowCenter)).containsExactly(-600, 40);

        SequenceAttribute perFrame = (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
        assertThat(perFrame.getNumberOfItems()).isEqualTo(frames);
        List<List<Double>> framePositions = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            AttributeList frame = perFrame.getItem(f).getAttributeList();
            AttributeList content = onlyItem(frame, TagFromName.FrameContentSequence);
            assertThat(ints(content, TagFromName.InStackPositionNumber)).containsExactly(f + 1);
            assertThat(ints(content, TagFromName.DimensionIndexValues)).containsExactly(1, f + 1);
            AttributeList plane = onlyItem(frame, TagFromName.PlanePositionSequence);
            double[] p = plane.get(TagFromName.ImagePositionPatient).getDoubleValues();
            framePositions.add(List.of(p[0], p[1], p[2]));
        }
        assertThat(framePositions).containsExactly(List.of(0.0, 0.0, 0.0), List.of(0.0, -1.5, 0.0), List.of(0.0, -3.0, 0.0));
        assertThat(list.get(TagFromName.PixelData).getShortValues()).containsExactly(pixels);
    }

    @Test
    void enhancedMrUsesItsOwnSopClassAndFrameTypeSequence() throws Exception {
        Path file = folder.resolve("enhanced-mr.dcm");
        writer.writeMultiFrame(file, mrSeries(PixelEncoding.unsigned(12)),
                new MultiFrameDescriptor("1.2.3.4.8", 1, List.of(Vec3.ZERO, new Vec3(1, 0, 0))),
                new short[ROWS * COLUMNS * 2]);

        AttributeList list = read(file);
        assertThat(string(list, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.4.1");
        AttributeList shared = onlyItem(list, TagFromName.SharedFunctionalGroupsSequence);
        assertThat(shared.get(TagFromName.MRImageFrameTypeSequence)).isNotNull();
        assertThat(shared.get(TagFromName.PixelValueTransformationSequence)).isNull();
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = folder.resolve("slice.dcm");
        Files.writeString(file, "not DICOM");

        writer.writeSlice(file, ctSeries(), new SliceDescriptor("1.2.3.4.5", 1, Vec3.ZERO), new short[ROWS * COLUMNS]);

        assertThat(string(read(file), TagFromName.SOPInstanceUID)).isEqualTo("1.2.3.4.5");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refusesAMissingFolderNamingIt() {
        Path missing = folder.resolve("missing");
        assertThatThrownBy(() -> writer.writeSlice(missing.resolve("x.dcm"), ctSeries(),
                new SliceDescriptor("1.2.3.4.5", 1, Vec3.ZERO), new short[ROWS * COLUMNS]))
                .isInstanceOf(org.lumen.io.CannotWriteException.class)
                .hasMessageContaining("no such folder: " + missing);
    }

    @Test
    void refusesPixelArraysOfTheWrongSize() {
        assertThatThrownBy(() -> writer.writeSlice(folder.resolve("x.dcm"), ctSeries(),
                new SliceDescriptor("1.2.3.4.5", 1, Vec3.ZERO), new short[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 48 samples");
    }

    @Test
    void refusesSamplesOutsideBitsStored() {
        short[] pixels = new short[ROWS * COLUMNS];
        pixels[3] = 4096;
        assertThatThrownBy(() -> writer.writeSlice(folder.resolve("x.dcm"), mrSeries(PixelEncoding.unsigned(12)),
                new SliceDescriptor("1.2.3.4.5", 1, Vec3.ZERO), pixels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 3 is 4096");
    }

    @Test
    void writesTwelveBitCtWithIntercept() throws Exception {
        SeriesDescriptor series = withEncoding(ctSeries(), PixelEncoding.rescaled(12, false, -1024, 1, "HU"));
        short[] pixels = ramp(ROWS * COLUMNS, 0, 85);
        Path file = folder.resolve("twelve.dcm");

        writer.writeSlice(file, series, new SliceDescriptor("1.2.3.4.5", 1, Vec3.ZERO), pixels);

        AttributeList list = read(file);
        assertThat(ints(list, TagFromName.BitsStored)).containsExactly(12);
        assertThat(ints(list, TagFromName.HighBit)).containsExactly(11);
        assertThat(ints(list, TagFromName.PixelRepresentation)).containsExactly(0);
        assertThat(doubles(list, TagFromName.RescaleIntercept)).containsExactly(-1024.0);
        assertThat(list.get(TagFromName.PixelData).getShortValues()).containsExactly(pixels);
    }

    @Test
    void uidsFromTheSameNameAreEqualAndValid() {
        String uid = DicomUids.fromName("phantom/42/study");
        assertThat(uid).isEqualTo(DicomUids.fromName("phantom/42/study"))
                .isNotEqualTo(DicomUids.fromName("phantom/43/study"))
                .startsWith("2.25.")
                .matches("[0-9]+(\\.[0-9]+)*");
        assertThat(uid.length()).isLessThanOrEqualTo(64);
        assertThat(DicomUids.random()).isNotEqualTo(DicomUids.random()).startsWith("2.25.");
    }

    private static SeriesDescriptor ctSeries() {
        return new SeriesDescriptor(
                new PatientInfo("Müller^Jürgen", "P-1", "19600229", "M"),
                new StudyInfo("1.2.3", "20240101", "093000", "Thorax", "A-1", "S1"),
                "1.2.3.4", 3, "Lungs", ImageModality.CT, "1.2.3.9", "CHEST",
                new SliceGeometry(ROWS, COLUMNS, ROW_DIRECTION, COLUMN_DIRECTION, 0.5, 0.75, 2.0, OptionalDouble.of(1.5)),
                PixelEncoding.rescaled(16, true, 0, 1, "HU"),
                List.of(new WindowPreset("LUNG", -600, 1500), new WindowPreset("MEDIASTINUM", 40, 400)));
    }

    private static SeriesDescriptor mrSeries(PixelEncoding encoding) {
        return new SeriesDescriptor(
                new PatientInfo("Doe^Jane", "P-2", null, "F"),
                new StudyInfo("1.2.30", "20240102", "100000", "Knee", null, "S2"),
                "1.2.30.4", 1, "T1 sag", ImageModality.MR, "1.2.30.9", "KNEE",
                new SliceGeometry(ROWS, COLUMNS, new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1, 1, 3, OptionalDouble.empty()),
                encoding, List.of());
    }

    private static SeriesDescriptor withEncoding(SeriesDescriptor s, PixelEncoding encoding) {
        return new SeriesDescriptor(s.patient(), s.study(), s.seriesInstanceUid(), s.seriesNumber(), s.seriesDescription(),
                s.modality(), s.frameOfReferenceUid(), s.bodyPartExamined(), s.geometry(), encoding, s.windows());
    }

    private static short[] ramp(int length, int start, int step) {
        short[] values = new short[length];
        for (int n = 0; n < length; n++) {
            values[n] = (short) (start + n * step);
        }
        return values;
    }

    private static AttributeList read(Path file) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.read(file.toFile());
        return list;
    }

    private static AttributeList onlyItem(AttributeList list, AttributeTag sequence) {
        SequenceAttribute attribute = (SequenceAttribute) list.get(sequence);
        assertThat(attribute).as("sequence %s", sequence).isNotNull();
        assertThat(attribute.getNumberOfItems()).isEqualTo(1);
        return attribute.getItem(0).getAttributeList();
    }

    private static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrNull(list, tag);
    }

    private static double[] doubles(AttributeList list, AttributeTag tag) throws DicomException {
        return list.get(tag).getDoubleValues();
    }

    private static int[] ints(AttributeList list, AttributeTag tag) throws DicomException {
        return list.get(tag).getIntegerValues();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
