// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.image.ModalityLut;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Uncompressed 16-bit frames get their bits and modality LUT in the decoder's scratch array before their one copy
 * (ADR 0038). Over every such frame of the shared corpus (signed and unsigned, 12 and 16 bits stored, both byte orders,
 * rescaled or not) the voxels must be exactly those of the general path: decode the stored values, then apply the LUT.
 * What the corpus lacks (16 unsigned bits, a high bit below the top, bits set above the stored ones) Debian's pydicom
 * writes from a real sample, with numpy's bit arithmetic as the expected values.
 */
class WarmScratchDecodeTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Writes each variant and the values numpy computes for it: stored bits taken, sign extended, then rescaled. */
    private static final String VARIANTS = """
            import sys, numpy, pydicom
            source, out = sys.argv[1], sys.argv[2]
            rng = numpy.random.default_rng(7)
            def write(name, raw, stored, high, signed, slope, intercept):
                ds = pydicom.dcmread(source)
                ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, stored, high
                ds.PixelRepresentation = 1 if signed else 0
                ds.RescaleSlope, ds.RescaleIntercept = slope, intercept
                ds.PixelData = raw.astype('<u2').tobytes()
                ds.save_as(f"{out}/{name}.dcm")
                values = (raw.astype(numpy.int64) >> (high + 1 - stored)) & ((1 << stored) - 1)
                if signed:
                    values = numpy.where(values >= 1 << (stored - 1), values - (1 << stored), values)
                open(f"{out}/{name}.raw", 'wb').write((values * slope + intercept).astype('<i4').tobytes())
            base = pydicom.dcmread(source).pixel_array.astype(numpy.int64)
            shape = base.shape
            write("unsigned16", (base - base.min()) * 40 + 30000, 16, 15, False, 1, 0)
            write("shifted12", ((base & 0xFFF) << 4) | rng.integers(0, 16, shape), 12, 15, True, 1, 0)
            write("dirty12", (base & 0xFFF) | (rng.integers(0, 16, shape) << 12), 12, 11, False, 2, -100)
            write("signed12", base & 0xFFF, 12, 11, True, 3, 1000)
            """;

    @TempDir
    Path folder;

    @Test
    void everyUncompressedSixteenBitFrameOfTheCorpusGetsTheVoxelsOfTheGeneralPath() throws Exception {
        DicomHeaderReader reader = new DicomHeaderReader();
        FrameDecoder frames = new FrameDecoder();
        List<String> compared = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Path file : Samples.allFiles()) {
            InstanceHeader header;
            try {
                header = reader.read(file);
            } catch (UnusableFileException e) {
                continue;
            }
            if (!header.hasPixels() || header.pixels().bitsAllocated() != 16 || !FrameDecoder.isDirectReadable(header)
                    || header.pixelData().isFloat()) {
                continue;
            }
            Set<ModalityLut> luts = new LinkedHashSet<>();
            for (int f = 0; f < header.frames(); f++) {
                luts.add(header.modalityLutOfFrame(f));
            }
            VoxelType type = VoxelType.choose(header.pixels(), luts);
            if (type != VoxelType.INT16 && type != VoxelType.UINT16) {
                continue;
            }
            SliceDecoder decoder = new SliceDecoder(frames, type);
            for (int f = 0; f < header.frames(); f++) {
                VoxelSlice warm = decoder.decode(header, f);
                VoxelSlice general = ModalityConverter.convert(frames.decode(header, f), header.modalityLutOfFrame(f), type);
                assertThat(warm.shorts()).as("%s frame %d", Samples.relative(file), f).isEqualTo(general.shorts());
                assertThat(warm.type()).isEqualTo(general.type());
            }
            compared.add(Samples.relative(file));
            kinds.add((header.pixels().signed() ? "signed " : "unsigned ") + header.pixels().bitsStored() + " bits stored, high bit "
                    + header.pixels().highBit() + ", " + header.transferSyntaxUid() + (header.modalityLut().isIdentity() ? "" : ", rescaled")
                    + ", " + type);
        }
        System.out.println("Compared " + compared.size() + " files; kinds:\n  " + String.join("\n  ", kinds));
        assertThat(compared).hasSizeGreaterThan(20);
        assertThat(kinds).anyMatch(k -> k.startsWith("signed")).anyMatch(k -> k.startsWith("unsigned"))
                .anyMatch(k -> k.contains("1.2.840.10008.1.2.2")).anyMatch(k -> k.contains("rescaled"))
                .anyMatch(k -> !k.contains("16 bits stored"));
    }

    @Test
    void variantsTheCorpusLacksGetNumpysValues() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 with Debian's python3-pydicom is not installed");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", VARIANTS, Samples.file("transfer_syntaxes/pydicom/MR_small.dcm").toString(),
                folder.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0 || !output.contains("No module named"), "python3-pydicom is not installed");
        assertThat(p.waitFor()).as(output).isZero();
        for (String name : List.of("unsigned16", "shifted12", "dirty12", "signed12")) {
            InstanceHeader header = new DicomHeaderReader().read(folder.resolve(name + ".dcm"));
            VoxelType type = VoxelType.choose(header.pixels(), List.of(header.modalityLut()));
            assertThat(type).as(name).isIn(VoxelType.INT16, VoxelType.UINT16);
            VoxelSlice slice = new SliceDecoder(new FrameDecoder(), type).decode(header, 0);
            ByteBuffer expected = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(name + ".raw"))).order(ByteOrder.LITTLE_ENDIAN);
            int differing = 0;
            for (int j = 0; j < slice.rows(); j++) {
                for (int i = 0; i < slice.columns(); i++) {
                    if (slice.value(i, j) != expected.getInt()) {
                        differing++;
                    }
                }
            }
            assertThat(differing).as("%s (%s): voxels differing from numpy's", name, type).isZero();
        }
    }
}
