// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.PixelCalibration;
import org.lumen.viewer.index.SpacingSource;
import org.lumen.viewer.index.UltrasoundRegion;

/**
 * What the pixels of real and generated files measure: patient, detector (with or without
 * magnification correction), ultrasound regions, or nothing; the same on the fast path and PixelMed's.
 */
class PixelCalibrationReadingTest {

    private final DicomHeaderReader reader = new DicomHeaderReader();

    @TempDir
    Path dir;

    @Test
    void mammogramWithoutAnySpacingIsPixels() throws Exception {
        InstanceHeader h = bothPaths(Samples.file("cr_dx_mg/MG1_JPLY.dcm"));
        assertThat(h.calibration()).isEqualTo(PixelCalibration.NONE);
        assertThat(h.plane() == null || h.plane().rowSpacing() == null).as("no spacing made up").isTrue();
    }

    @Test
    void radiographWhosePixelSpacingRepeatsImagerPixelSpacingIsAtTheDetector() throws Exception {
        InstanceHeader h = bothPaths(Samples.file("cr_dx_mg/DX_canon_chest_966_fixed.dcm"));
        assertThat(h.calibration().source()).isEqualTo(SpacingSource.DETECTOR);
        assertThat(h.calibration().rowSpacing()).isCloseTo(0.16, within(1e-9));
        assertThat(h.plane().rowSpacing()).isCloseTo(0.16, within(1e-9));
    }

    @Test
    void computedRadiographsTakePixelSpacingAtItsWordOrHaveNone() throws Exception {
        assertThat(bothPaths(Samples.file("cr_dx_mg/RG2_JPLL.dcm")).calibration().source()).isEqualTo(SpacingSource.PATIENT);
        assertThat(bothPaths(Samples.file("cr_dx_mg/RG3_J2KR.dcm")).calibration().source()).isEqualTo(SpacingSource.NONE);
    }

    @Test
    void ultrasoundWithoutPixelSpacingMeasuresInItsRegion() throws Exception {
        InstanceHeader h = bothPaths(Samples.file("us/no-pixel-spacing.dcm"));
        assertThat(h.calibration().source()).isEqualTo(SpacingSource.ULTRASOUND_REGION);
        // The B-mode image in cm, and two Doppler/time strips (seconds across) that are not lengths.
        assertThat(h.calibration().regions()).hasSize(3);
        assertThat(h.calibration().spatialRegions()).containsExactly(
                new UltrasoundRegion(120, 60, 800, 518, 3, 3, 0.033054208902600268, 0.033054208902600268));
        assertThat(h.plane() == null || h.plane().rowSpacing() == null).as("the geometry stays in pixels").isTrue();
    }

    @ParameterizedTest(name = "implicit VR: {0}")
    @ValueSource(booleans = {false, true})
    void magnificationFactorCorrectsImagerPixelSpacing(boolean implicit) throws Exception {
        AttributeList list = radiograph("DX");
        put(list, TagFromName.ImagerPixelSpacing, "0.2\\0.2");
        put(list, TagFromName.EstimatedRadiographicMagnificationFactor, "1.25");
        InstanceHeader h = bothPaths(write(list, implicit));
        assertThat(h.calibration().source()).isEqualTo(SpacingSource.DETECTOR_MAGNIFICATION_CORRECTED);
        assertThat(h.calibration().magnification()).isEqualTo(1.25);
        assertThat(h.plane().columnSpacing()).isCloseTo(0.16, within(1e-9));
    }

    @Test
    void aPixelSpacingThatDiffersFromImagerPixelSpacingIsCalibratedToThePatient() throws Exception {
        AttributeList list = radiograph("MG");
        put(list, TagFromName.ImagerPixelSpacing, "0.1\\0.1");
        put(list, TagFromName.PixelSpacing, "0.085\\0.085");
        put(list, TagFromName.EstimatedRadiographicMagnificationFactor, "1.1");
        InstanceHeader h = bothPaths(write(list, false));
        assertThat(h.calibration().source()).isEqualTo(SpacingSource.PATIENT);
        assertThat(h.plane().rowSpacing()).isCloseTo(0.085, within(1e-9));
    }

    @ParameterizedTest(name = "implicit VR: {0}")
    @ValueSource(booleans = {false, true})
    void ultrasoundRegionsReadAlikeOnBothPaths(boolean implicit) throws Exception {
        AttributeList list = radiograph("US");
        SequenceAttribute regions = new SequenceAttribute(TagFromName.SequenceOfUltrasoundRegions);
        regions.addItem(region(10, 20, 40, 50, 3, 0.01, 0.02));
        regions.addItem(region(0, 0, 63, 9, 4, 0.5, 0.5)); // a Doppler strip: seconds across, not a length
        list.put(regions);
        InstanceHeader h = bothPaths(write(list, implicit));
        assertThat(h.calibration().source()).isEqualTo(SpacingSource.ULTRASOUND_REGION);
        assertThat(h.calibration().regions()).containsExactly(new UltrasoundRegion(10, 20, 40, 50, 3, 3, 0.01, 0.02),
                new UltrasoundRegion(0, 0, 63, 9, 4, 4, 0.5, 0.5));
        assertThat(h.calibration().spatialRegions()).hasSize(1);
    }

    /** Reads the file on the fast path and PixelMed's and checks they agree. */
    private InstanceHeader bothPaths(Path file) throws UnusableFileException {
        InstanceHeader fast = reader.read(file);
        InstanceHeader pixelMed = reader.readWithPixelMed(file);
        assertThat(fast.calibration()).isEqualTo(pixelMed.calibration());
        assertThat(fast.plane()).isEqualTo(pixelMed.plane());
        return fast;
    }

    /** A 64x64 8-bit image object of the modality, with no spacing yet. */
    private static AttributeList radiograph(String modality) throws DicomException {
        AttributeList list = new AttributeList();
        String sopClass = switch (modality) {
            case "US" -> "1.2.840.10008.5.1.4.1.1.6.1";
            case "MG" -> "1.2.840.10008.5.1.4.1.1.1.2";
            default -> "1.2.840.10008.5.1.4.1.1.1.1";
        };
        put(list, TagFromName.SOPClassUID, sopClass);
        put(list, TagFromName.SOPInstanceUID, "1.2.826.0.1.3680043.10.1.1");
        put(list, TagFromName.StudyInstanceUID, "1.2.826.0.1.3680043.10.1.2");
        put(list, TagFromName.SeriesInstanceUID, "1.2.826.0.1.3680043.10.1.3");
        put(list, TagFromName.Modality, modality);
        put(list, TagFromName.PatientName, "Calibration^Test");
        putUs(list, TagFromName.Rows, 64);
        putUs(list, TagFromName.Columns, 64);
        putUs(list, TagFromName.SamplesPerPixel, 1);
        put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        putUs(list, TagFromName.BitsAllocated, 8);
        putUs(list, TagFromName.BitsStored, 8);
        putUs(list, TagFromName.HighBit, 7);
        putUs(list, TagFromName.PixelRepresentation, 0);
        Attribute pixels = new OtherByteAttribute(TagFromName.PixelData);
        pixels.setValues(new byte[64 * 64]);
        list.put(pixels);
        return list;
    }

    private static AttributeList region(int x0, int y0, int x1, int y1, int units, double dx, double dy) throws DicomException {
        AttributeList item = new AttributeList();
        putUl(item, TagFromName.RegionLocationMinX0, x0);
        putUl(item, TagFromName.RegionLocationMinY0, y0);
        putUl(item, TagFromName.RegionLocationMaxX1, x1);
        putUl(item, TagFromName.RegionLocationMaxY1, y1);
        putUs(item, TagFromName.PhysicalUnitsXDirection, units);
        putUs(item, TagFromName.PhysicalUnitsYDirection, units);
        putFd(item, TagFromName.PhysicalDeltaX, dx);
        putFd(item, TagFromName.PhysicalDeltaY, dy);
        return item;
    }

    private Path write(AttributeList list, boolean implicit) throws IOException, DicomException {
        String syntax = implicit ? TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN : TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;
        FileMetaInformation.addFileMetaInformation(list, syntax, "LUMEN");
        Path file = dir.resolve((implicit ? "implicit" : "explicit") + ".dcm");
        list.write(file.toFile(), syntax, true, true);
        return file;
    }

    private static void put(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = AttributeList.getDictionary().getValueRepresentationFromTag(tag) == null ? null
                : com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static void putUs(AttributeList list, AttributeTag tag, int value) throws DicomException {
        Attribute a = new com.pixelmed.dicom.UnsignedShortAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static void putUl(AttributeList list, AttributeTag tag, int value) throws DicomException {
        Attribute a = new com.pixelmed.dicom.UnsignedLongAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static void putFd(AttributeList list, AttributeTag tag, double value) throws DicomException {
        Attribute a = new com.pixelmed.dicom.FloatDoubleAttribute(tag);
        a.addValue(value);
        list.put(a);
    }
}
