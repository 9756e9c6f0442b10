// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.PydicomFiles;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;

/** Stored values of files that once decoded wrongly, against a twin of the same image in another syntax. */
class PixelValuesTest {

    private final DicomHeaderReader reader = new DicomHeaderReader();
    private final FrameDecoder decoder = new FrameDecoder();

    @Test
    void bigEndianRtDoseHasTheValuesOfItsLittleEndianTwin() throws Exception {
        assertSameGreyValues(Samples.file("multiframe/rtdose.dcm"), PydicomFiles.file("rtdose_expb.dcm"));
    }

    @Test
    void rle32BitRtDoseHasTheValuesOfItsUncompressedTwin() throws Exception {
        assertSameGreyValues(Samples.file("multiframe/rtdose.dcm"), PydicomFiles.file("rtdose_rle.dcm"));
    }

    private static final String PLANAR_VARIANTS = """
            import sys, numpy, pydicom
            rle, uncompressed, folder = sys.argv[1:4]
            ds = pydicom.dcmread(rle)
            ds.PlanarConfiguration = 1
            ds.save_as(folder + "/rle-planar1.dcm")
            ds = pydicom.dcmread(uncompressed)
            pixels = ds.pixel_array
            planes = numpy.moveaxis(pixels, -1, -3)
            ds.PixelData = numpy.ascontiguousarray(planes).astype("<u2").tobytes()
            ds.PlanarConfiguration = 1
            ds.save_as(folder + "/uncompressed-planar1.dcm")
            """;

    /**
     * 16-bit RGB shows the same colours RLE-compressed (Planar Configuration 0 or 1 in the header) and
     * uncompressed in either planar configuration (DCMTK's dcmdrle decompresses; pydicom rewrites the
     * planes and the header).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SC_rgb_rle_16bit.dcm", "SC_rgb_rle_16bit_2frame.dcm"})
    void sixteenBitRgbShowsTheSameInEveryForm(String name, @TempDir Path folder) throws Exception {
        assumeTrue(ReferenceDecoders.onPath("dcmdrle"), "dcmdrle (Debian package dcmtk) is not installed");
        Path rle = PydicomFiles.file(name);
        Path uncompressed = folder.resolve("uncompressed-planar0.dcm");
        run("dcmdrle", rle.toString(), uncompressed.toString());
        run("/usr/bin/python3", "-c", PLANAR_VARIANTS, rle.toString(), uncompressed.toString(), folder.toString());
        List<DecodedFrame> fromRle = decoder.decodeAll(reader.read(rle));
        for (String variant : List.of("uncompressed-planar0.dcm", "uncompressed-planar1.dcm", "rle-planar1.dcm")) {
            List<DecodedFrame> other = decoder.decodeAll(reader.read(folder.resolve(variant)));
            assertThat(other).hasSameSizeAs(fromRle);
            for (int f = 0; f < fromRle.size(); f++) {
                assertThat(((ColorFrame) other.get(f)).argb()).as("%s frame %d", variant, f).isEqualTo(((ColorFrame) fromRle.get(f)).argb());
            }
        }
        int[] argb = ((ColorFrame) fromRle.getFirst()).argb();
        assertThat(java.util.Arrays.stream(argb).distinct().count()).as("distinct colours of the test pattern").isGreaterThan(3);
    }

    private static final String SEGMENTED_PALETTE = """
            import sys, numpy, pydicom
            from pydicom.dataset import FileMetaDataset
            from pydicom.uid import ImplicitVRLittleEndian
            from pydicom.pixel_data_handlers.util import apply_color_lut
            face, palette, target, expected = sys.argv[1:5]
            ds = pydicom.dcmread(face, force=True)
            lut = pydicom.dcmread(palette)
            for tag in (0x00281201, 0x00281202, 0x00281203):
                del ds[tag]
            for tag in (0x00281101, 0x00281102, 0x00281103, 0x00281221, 0x00281222, 0x00281223):
                ds[tag] = lut[tag]
            ds.file_meta = FileMetaDataset()
            ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
            ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
            ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
            ds.is_little_endian = True
            ds.is_implicit_VR = True
            ds.save_as(target, write_like_original=False)
            again = pydicom.dcmread(target)
            rgb = apply_color_lut(again.pixel_array, again)
            open(expected, "wb").write(numpy.ascontiguousarray(rgb.astype(numpy.uint8)).tobytes())
            """;

    /**
     * A segmented palette (the corpus has none): pydicom gives the real PALETTE COLOR sample the segmented
     * "fall" palette Debian's pydicom ships, and its apply_color_lut gives the colours Lumen must show.
     */
    @Test
    void segmentedPaletteShowsPydicomsColours(@TempDir Path folder) throws Exception {
        Path palette = Path.of("/usr/lib/python3/dist-packages/pydicom/data/palettes/fall.dcm");
        assumeTrue(java.nio.file.Files.isRegularFile(palette), "Debian's python3-pydicom is not installed");
        Path file = folder.resolve("segmented.dcm");
        Path expected = folder.resolve("expected.rgb");
        run("/usr/bin/python3", "-c", SEGMENTED_PALETTE, Samples.file("transfer_syntaxes/pydicom/OT-PAL-8-face.dcm").toString(),
                palette.toString(), file.toString(), expected.toString());
        ColorFrame frame = (ColorFrame) decoder.decodeAll(reader.read(file)).getFirst();
        byte[] rgb = java.nio.file.Files.readAllBytes(expected);
        int[] argb = new int[frame.argb().length];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | rgb[3 * i + 2] & 0xFF;
        }
        assertThat(frame.argb()).isEqualTo(argb);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command).lines().findFirst().orElse("") + ": " + output).isZero();
    }

    private void assertSameGreyValues(Path reference, Path twin) throws Exception {
        List<DecodedFrame> expected = decoder.decodeAll(reader.read(reference));
        List<DecodedFrame> actual = decoder.decodeAll(reader.read(twin));
        assertThat(actual).hasSameSizeAs(expected);
        long largest = 0;
        for (int f = 0; f < expected.size(); f++) {
            GrayFrame e = (GrayFrame) expected.get(f);
            GrayFrame a = (GrayFrame) actual.get(f);
            for (int i = 0; i < e.columns() * e.rows(); i++) {
                assertThat(a.sample(i)).as("frame %d pixel %d", f, i).isEqualTo(e.sample(i));
                largest = Math.max(largest, e.sample(i));
            }
        }
        assertThat(largest).as("the reference has values above 16 bits").isGreaterThan(0xFFFF);
    }
}
