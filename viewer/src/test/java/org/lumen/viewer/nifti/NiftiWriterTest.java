// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.geometry.Vec3;

class NiftiWriterTest {

    /** A 4×3×2 grid: columns to the patient's left at 0.5 mm, rows backwards at 0.75 mm, slices up at 2 mm. */
    private static final NiftiGeometry AXIAL = new NiftiGeometry(4, 3, 2, new Vec3(-10, 20, 30),
            new Vec3(0.5, 0, 0), new Vec3(0, 0.75, 0), new Vec3(0, 0, 2));

    private final NiftiWriter writer = new NiftiWriter();
    private final NiftiReader reader = new NiftiReader();

    @TempDir
    Path folder;

    @Test
    void labelsRoundTripWithHeaderAndRasAffine() throws Exception {
        byte[] labels = new byte[24];
        for (int n = 0; n < labels.length; n++) {
            labels[n] = (byte) (n * 10);
        }
        Path file = folder.resolve("labels.nii.gz");

        writer.writeLabels(file, AXIAL, labels, "test labels");

        NiftiImage image = reader.read(file);
        NiftiHeader header = image.header();
        assertThat(header.dataType()).isEqualTo(NiftiDataType.UINT8);
        assertThat(header.dim()).containsExactly(3, 4, 3, 2, 1, 1, 1, 1);
        assertThat(header.pixdim()[1]).isEqualTo(0.5f);
        assertThat(header.pixdim()[2]).isEqualTo(0.75f);
        assertThat(header.pixdim()[3]).isEqualTo(2f);
        assertThat(header.voxOffset()).isEqualTo(352f);
        assertThat(header.intentCode()).isEqualTo(NiftiHeader.INTENT_LABEL);
        assertThat(header.xyztUnits()).isEqualTo(NiftiHeader.UNITS_MM);
        assertThat(header.sformCode()).isEqualTo(NiftiHeader.XFORM_SCANNER_ANAT);
        assertThat(header.qformCode()).isEqualTo(NiftiHeader.XFORM_SCANNER_ANAT);
        assertThat(header.description()).isEqualTo("test labels");
        // LPS → RAS: x and y rows change sign.
        assertThat(header.srow()[0]).containsExactly(-0.5f, 0f, 0f, 10f);
        assertThat(header.srow()[1]).containsExactly(0f, -0.75f, 0f, -20f);
        assertThat(header.srow()[2]).containsExactly(0f, 0f, 2f, 30f);
        assertThat(header.geometry()).isEqualTo(AXIAL);
        assertThat(image.uint8(image.index(3, 2, 1))).isEqualTo(230);
        for (int n = 0; n < labels.length; n++) {
            assertThat(image.uint8(n)).isEqualTo(labels[n] & 0xFF);
        }
    }

    @Test
    void qformDescribesTheSameAffineAsTheSform() throws Exception {
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        NiftiGeometry oblique = new NiftiGeometry(5, 4, 3, new Vec3(1, 2, 3),
                new Vec3(c, s, 0).times(0.8), new Vec3(0, 0, -1).times(0.9), new Vec3(c, s, 0).cross(new Vec3(0, 0, -1)).times(2.5));
        Path file = folder.resolve("oblique.nii.gz");

        writer.writeFloat32(file, oblique, new float[60], "");

        NiftiHeader header = reader.read(file).header();
        assertThat(header.qformCode()).isEqualTo(NiftiHeader.XFORM_SCANNER_ANAT);
        double[][] qform = qformMatrix(header);
        float[][] srow = header.srow();
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 3; col++) {
                assertThat(qform[r][col]).as("qform[%d][%d]", r, col).isCloseTo(srow[r][col], within(1e-5));
            }
            assertThat((double) header.qoffset()[r]).isCloseTo(srow[r][3], within(1e-5));
        }
    }

    @Test
    void halfTurnGridsKeepTheirQformExactWhereReadersRebuildA() throws Exception {
        // Coronal and the usual axial are half turns in RAS (a = 0): float32 b, c, d must not leave a reader an a of 2e-4.
        NiftiGeometry[] grids = {
            new NiftiGeometry(4, 3, 2, new Vec3(-180, 40, 200), new Vec3(3.75, 0, 0), new Vec3(0, 0, -3.75), new Vec3(0, 6, 0)),
            new NiftiGeometry(4, 3, 2, new Vec3(-180, -180, -90), new Vec3(0.7, 0, 0), new Vec3(0, 0.7, 0), new Vec3(0, 0, 5)),
            new NiftiGeometry(4, 3, 2, new Vec3(10, -120, 80), new Vec3(0, 1.1, 0), new Vec3(0, 0, -1.1), new Vec3(-4, 0, 0)),
        };
        for (NiftiGeometry grid : grids) {
            Path file = folder.resolve("half-turn.nii.gz");
            writer.writeLabels(file, grid, new byte[24], "");
            NiftiHeader header = reader.read(file).header();
            double[][] qform = qformMatrix(header);
            float[][] srow = header.srow();
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 3; col++) {
                    assertThat(qform[r][col]).as("qform[%d][%d] of %s", r, col, grid).isCloseTo(srow[r][col], within(1e-5));
                }
            }
        }
    }

    @Test
    void shearedGridsGetAnSformOnly() throws Exception {
        NiftiGeometry tilted = new NiftiGeometry(2, 2, 2, Vec3.ZERO,
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0.25, 1));
        Path file = folder.resolve("tilted.nii.gz");

        writer.writeLabels(file, tilted, new byte[8], "");

        NiftiHeader header = reader.read(file).header();
        assertThat(header.qformCode()).isZero();
        assertThat(header.sformCode()).isEqualTo(NiftiHeader.XFORM_SCANNER_ANAT);
        assertThat(header.geometry()).isEqualTo(tilted);
    }

    @Test
    void floatAndShortVolumesRoundTrip() throws Exception {
        float[] floats = new float[24];
        short[] shorts = new short[24];
        for (int n = 0; n < 24; n++) {
            floats[n] = n / 7f - 1;
            shorts[n] = (short) (n * 100 - 1024);
        }
        Path floatFile = folder.resolve("heat.nii.gz");
        Path shortFile = folder.resolve("ct.nii.gz");

        writer.writeFloat32(floatFile, AXIAL, floats, "heatmap");
        writer.writeInt16(shortFile, AXIAL, shorts, "hu");

        NiftiImage floatImage = reader.read(floatFile);
        NiftiImage shortImage = reader.read(shortFile);
        assertThat(floatImage.header().dataType()).isEqualTo(NiftiDataType.FLOAT32);
        assertThat(floatImage.header().intentCode()).isEqualTo(NiftiHeader.INTENT_NONE);
        assertThat(shortImage.header().dataType()).isEqualTo(NiftiDataType.INT16);
        for (int n = 0; n < 24; n++) {
            assertThat(floatImage.float32(n)).isEqualTo(floats[n]);
            assertThat(shortImage.int16(n)).isEqualTo(shorts[n]);
        }
    }

    @Test
    void writesAGzippedLittleEndianSingleFileImageAtomically() throws Exception {
        Path file = folder.resolve("labels.nii.gz");

        writer.writeLabels(file, AXIAL, new byte[24], "");

        byte[] raw = Files.readAllBytes(file);
        assertThat(raw[0] & 0xFF).isEqualTo(0x1F);
        assertThat(raw[1] & 0xFF).isEqualTo(0x8B);
        byte[] header;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            header = in.readAllBytes();
        }
        assertThat(header).hasSize(352 + 24);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(348);
        assertThat(new String(header, 344, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("n+1");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void parallelAndUncompressedWritersGiveTheSameImage() throws Exception {
        short[] voxels = new short[24];
        for (int n = 0; n < voxels.length; n++) {
            voxels[n] = (short) (n * 1000 - 9000);
        }
        try (org.lumen.task.Pools pools = new org.lumen.task.Pools(2)) {
            Path gz = folder.resolve("parallel.nii.gz");
            Path plain = folder.resolve("plain.nii");
            NiftiWriter.parallel(pools.decode(), pools.decodeThreads()).writeInt16(gz, AXIAL, voxels, "p");
            NiftiWriter.uncompressed().writeInt16(plain, AXIAL, voxels, "p");

            assertThat(Files.size(plain)).isEqualTo(NiftiHeader.DATA_OFFSET + 48L);
            for (Path file : new Path[] {gz, plain}) {
                NiftiImage image = reader.read(file);
                assertThat(image.header().geometry()).isEqualTo(AXIAL);
                assertThat(image.int16(image.index(3, 2, 1))).isEqualTo((short) 14000);
            }
        }
    }

    @Test
    void unsignedShortsKeepValuesAboveInt16() throws Exception {
        short[] voxels = new short[24];
        voxels[5] = (short) 60000;
        Path file = folder.resolve("u16.nii.gz");
        writer.writeUint16(file, AXIAL, voxels, "u16");
        NiftiImage image = reader.read(file);
        assertThat(image.header().dataType()).isEqualTo(NiftiDataType.UINT16);
        assertThat(image.uint16(5)).isEqualTo(60000);
    }

    @Test
    void refusesArraysThatDoNotMatchTheGrid() {
        assertThatThrownBy(() -> writer.writeLabels(folder.resolve("x.nii.gz"), AXIAL, new byte[23], ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 24 voxels");
    }

    @Test
    void readerNamesTheFileItCannotRead() throws IOException {
        Path file = folder.resolve("not.nii");
        Files.write(file, new byte[400]);

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("348");
    }

    /** The qform's 3×3 matrix (rotation × voxel sizes, third column × qfac), as NIfTI-1 defines it. */
    private static double[][] qformMatrix(NiftiHeader header) {
        double b = header.quatern()[0];
        double c = header.quatern()[1];
        double d = header.quatern()[2];
        double a = Math.sqrt(Math.max(0, 1 - b * b - c * c - d * d));
        double[][] r = {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b},
        };
        float[] pixdim = header.pixdim();
        double qfac = pixdim[0] < 0 ? -1 : 1;
        for (int row = 0; row < 3; row++) {
            r[row][0] *= pixdim[1];
            r[row][1] *= pixdim[2];
            r[row][2] *= pixdim[3] * qfac;
        }
        return r;
    }
}
