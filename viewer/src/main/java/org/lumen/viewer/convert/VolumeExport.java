// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.convert;

import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.lumen.io.AtomicFiles;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.nifti.NiftiWriter;

/**
 * A loaded volume's modality values (after the modality LUT) written for other tools: NIfTI-1 and
 * NRRD with the patient geometry in the header, or bare little-endian values. Signed 16-bit volumes
 * stay int16; every other greyscale volume is written as float32 (which holds unsigned 16-bit values
 * exactly). Uneven slices are written on their mean step, as a single affine cannot hold them.
 */
public final class VolumeExport {

    public enum Format { NIFTI, NRRD, RAW }

    /** What was written: the voxel type on disk and the grid. */
    public record Written(String dataType, int columns, int rows, int slices) { }

    private VolumeExport() { }

    public static Written write(Volume volume, Format format, Path target) throws IOException, UnusableFileException {
        if (volume.voxelType() == VoxelType.RGB) {
            throw new IllegalArgumentException("a colour series has no scalar values to convert: export its slices with lumen render");
        }
        VolumeGeometry g = volume.geometry();
        boolean int16 = volume.voxelType() == VoxelType.INT16;
        int perSlice = g.columns() * g.rows();
        short[] shorts = int16 ? new short[perSlice * g.slices()] : null;
        float[] floats = int16 ? null : new float[perSlice * g.slices()];
        for (int k = 0; k < g.slices(); k++) {
            VoxelSlice slice = volume.slice(k);
            if (int16) {
                System.arraycopy(slice.shorts(), 0, shorts, k * perSlice, perSlice);
            } else if (slice.type() == VoxelType.FLOAT32) {
                System.arraycopy(slice.floats(), 0, floats, k * perSlice, perSlice);
            } else {
                short[] s = slice.shorts();
                for (int i = 0; i < perSlice; i++) {
                    floats[k * perSlice + i] = s[i] & 0xFFFF;
                }
            }
        }
        Vec3 iStep = g.rowDirection().times(g.columnSpacing());
        Vec3 jStep = g.columnDirection().times(g.rowSpacing());
        Vec3 kStep = g.slices() > 1 ? g.sliceStep() : g.normal().times(g.sliceStep().length() > 0 ? g.sliceStep().length() : 1);
        String description = "Lumen convert";
        switch (format) {
            case NIFTI -> {
                NiftiGeometry geometry = new NiftiGeometry(g.columns(), g.rows(), g.slices(), g.origin(), iStep, jStep, kStep);
                if (int16) {
                    new NiftiWriter().writeInt16(target, geometry, shorts, description);
                } else {
                    new NiftiWriter().writeFloat32(target, geometry, floats, description);
                }
            }
            case NRRD -> AtomicFiles.write(target, out -> {
                out.write(nrrdHeader(g, int16, iStep, jStep, kStep).getBytes(StandardCharsets.US_ASCII));
                values(out, shorts, floats);
            });
            case RAW -> AtomicFiles.write(target, out -> values(out, shorts, floats));
        }
        return new Written(int16 ? "int16" : "float32", g.columns(), g.rows(), g.slices());
    }

    /** An attached NRRD header: LPS space, one direction per axis in mm, raw little-endian data after a blank line. */
    private static String nrrdHeader(VolumeGeometry g, boolean int16, Vec3 i, Vec3 j, Vec3 k) {
        return String.format(Locale.ROOT, """
                NRRD0004
                # written by Lumen convert: modality values after the modality LUT
                type: %s
                dimension: 3
                space: left-posterior-superior
                sizes: %d %d %d
                space directions: %s %s %s
                kinds: domain domain domain
                endian: little
                encoding: raw
                space origin: %s

                """, int16 ? "short" : "float", g.columns(), g.rows(), g.slices(), vector(i), vector(j), vector(k), vector(g.origin()));
    }

    private static String vector(Vec3 v) {
        return String.format(Locale.ROOT, "(%.17g,%.17g,%.17g)", v.x(), v.y(), v.z());
    }

    private static void values(OutputStream out, short[] shorts, float[] floats) throws IOException {
        int length = shorts != null ? shorts.length : floats.length;
        int chunk = 1 << 16;
        ByteBuffer buffer = ByteBuffer.allocate(chunk * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < length; start += chunk) {
            int count = Math.min(chunk, length - start);
            buffer.clear();
            if (shorts != null) {
                buffer.asShortBuffer().put(shorts, start, count);
                out.write(buffer.array(), 0, count * 2);
            } else {
                buffer.asFloatBuffer().put(floats, start, count);
                out.write(buffer.array(), 0, count * 4);
            }
        }
    }
}
