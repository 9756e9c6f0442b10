// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Float and Double Float Pixel Data (parametric maps) are shown with their real values. The corpus
 * has none, so Debian's pydicom writes one from the real MR_small sample (a probability-like map of
 * fractional values, as AI tools write them), in Explicit VR Little and Big Endian and Deflated Explicit VR Little Endian,
 * and reads back the values Lumen must show.
 */
class FloatPixelDataTest {

    private static final String SCRIPT = """
            import sys, numpy, pydicom
            source, target, expected, element, order = sys.argv[1:6]
            big = order == "big-endian"
            ds = pydicom.dcmread(source)
            values = (ds.pixel_array.astype("float64") / 2500.0 - 0.25)
            del ds.PixelData
            for keyword in ("BitsStored", "HighBit", "PixelRepresentation", "SmallestImagePixelValue", "LargestImagePixelValue",
                            "WindowCenter", "WindowWidth"):
                if keyword in ds:
                    delattr(ds, keyword)
            ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.30"
            if element == "float":
                ds.BitsAllocated = 32
                ds.FloatPixelData = values.astype(">f4" if big else "<f4").tobytes()
            else:
                ds.BitsAllocated = 64
                ds.DoubleFloatPixelData = values.astype(">f8" if big else "<f8").tobytes()
            if big:
                # pydicom writes OF/OD bytes as given: they are big endian already.
                ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRBigEndian
                ds.is_little_endian = False
                ds.is_implicit_VR = False
                ds.save_as(target, write_like_original=False)
            elif order == "deflated":
                ds.file_meta.TransferSyntaxUID = pydicom.uid.DeflatedExplicitVRLittleEndian
                ds.is_little_endian = True
                ds.is_implicit_VR = False
                ds.save_as(target, write_like_original=False)
            else:
                ds.save_as(target)
            again = pydicom.dcmread(target)
            open(expected, "wb").write(again.pixel_array.astype("<f4").tobytes())
            """;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"float, little-endian", "double, little-endian", "float, big-endian", "double, big-endian", "float, deflated",
        "double, deflated"})
    void realValuesAreShownAsTheyAre(String element, String order) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 with Debian's python3-pydicom is not installed");
        Path file = folder.resolve("map.dcm");
        Path expected = folder.resolve("expected.raw");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, Samples.file("transfer_syntaxes/pydicom/MR_small.dcm").toString(),
                file.toString(), expected.toString(), element, order).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();

        InstanceHeader header = new DicomHeaderReader().read(file);
        List<VoxelSlice> slices = InstanceValues.decode(header);
        VoxelSlice slice = slices.getFirst();
        assertThat(slice.type()).isEqualTo(VoxelType.FLOAT32);
        ByteBuffer reference = ByteBuffer.wrap(Files.readAllBytes(expected)).order(ByteOrder.LITTLE_ENDIAN);
        int fractional = 0;
        for (int j = 0; j < slice.rows(); j++) {
            for (int i = 0; i < slice.columns(); i++) {
                float value = reference.getFloat();
                assertThat(slice.value(i, j)).as("pixel %d,%d", i, j).isEqualTo(value);
                fractional += value != Math.rint(value) ? 1 : 0;
            }
        }
        assertThat(fractional).as("pixels with a fractional value").isGreaterThan(slice.columns() * slice.rows() / 2);
    }
}
