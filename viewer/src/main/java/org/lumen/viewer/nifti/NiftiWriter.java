// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.nifti;

import org.lumen.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.zip.Deflater;
import org.lumen.io.ParallelGzipOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes 3D volumes as gzipped single-file NIfTI-1 images ({@code .nii.gz}) whose sform (and qform,
 * where the grid is orthogonal) maps voxels to DICOM patient coordinates, converted to NIfTI's RAS+.
 * Voxel (i, j, k) is element {@code i + nx·(j + ny·k)} of the arrays. The file is written beside
 * the target and renamed onto it, so readers never see half a file. {@link #parallel} deflates on a
 * pool (every core for one file); {@link #uncompressed} writes plain {@code .nii}.
 */
public final class NiftiWriter {

    private static final int CHUNK_VOXELS = 1 << 16;
    private static final int BUFFER_BYTES = 1 << 16;

    /** How the header and voxels are packed into the file. */
    @FunctionalInterface
    private interface Packing {
        /** A stream over {@code file} that packs what is written; {@code finish} ends the packing, not the file. */
        PackedStream open(OutputStream file) throws IOException;
    }

    private interface PackedStream {
        OutputStream stream();

        void finish() throws IOException;
    }

    private final Packing packing;

    /** gzip level 1 on the calling thread. */
    public NiftiWriter() {
        this(file -> {
            FastGzipOutputStream gzip = new FastGzipOutputStream(file);
            return new PackedStream() {
                public OutputStream stream() { return gzip; }

                public void finish() throws IOException { gzip.finish(); }
            };
        });
    }

    private NiftiWriter(Packing packing) {
        this.packing = packing;
    }

    /** gzip level 1 with the deflating spread over {@code pool} ({@code parallelism} threads): one file on every core. */
    public static NiftiWriter parallel(Executor pool, int parallelism) {
        Objects.requireNonNull(pool, "pool");
        return new NiftiWriter(file -> {
            ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(file, pool, parallelism, Deflater.BEST_SPEED);
            return new PackedStream() {
                public OutputStream stream() { return gzip; }

                public void finish() throws IOException { gzip.finish(); }
            };
        });
    }

    /** No compression: a plain {@code .nii}, for readers that map the file and for comparisons. */
    public static NiftiWriter uncompressed() {
        return new NiftiWriter(file -> new PackedStream() {
            public OutputStream stream() { return file; }

            public void finish() { }
        });
    }

    /** Writes a uint8 label volume (intent LABEL): 0 is background, other values index a label table. */
    public void writeLabels(Path target, NiftiGeometry geometry, byte[] labels, String description) throws IOException {
        checkLength(geometry, Objects.requireNonNull(labels, "labels").length);
        NiftiHeader header = NiftiHeader.forVolume(geometry, NiftiDataType.UINT8, NiftiHeader.INTENT_LABEL, description);
        writeAtomically(target, header, out -> out.write(labels));
    }

    /** Writes a signed 16-bit scalar volume (for example CT in HU). */
    public void writeInt16(Path target, NiftiGeometry geometry, short[] voxels, String description) throws IOException {
        checkLength(geometry, Objects.requireNonNull(voxels, "voxels").length);
        NiftiHeader header = NiftiHeader.forVolume(geometry, NiftiDataType.INT16, NiftiHeader.INTENT_NONE, description);
        writeAtomically(target, header, out -> writeShorts(out, voxels));
    }

    private static void writeShorts(OutputStream out, short[] voxels) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_VOXELS * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < voxels.length; start += CHUNK_VOXELS) {
            int count = Math.min(CHUNK_VOXELS, voxels.length - start);
            chunk.clear();
            chunk.asShortBuffer().put(voxels, start, count);
            out.write(chunk.array(), 0, count * 2);
        }
    }

    /** Writes an unsigned 16-bit scalar volume (for example MR or CR values beyond int16). */
    public void writeUint16(Path target, NiftiGeometry geometry, short[] voxels, String description) throws IOException {
        checkLength(geometry, Objects.requireNonNull(voxels, "voxels").length);
        NiftiHeader header = NiftiHeader.forVolume(geometry, NiftiDataType.UINT16, NiftiHeader.INTENT_NONE, description);
        writeAtomically(target, header, out -> writeShorts(out, voxels));
    }

    /** Writes a float32 scalar volume (for example a probability heatmap). */
    public void writeFloat32(Path target, NiftiGeometry geometry, float[] voxels, String description) throws IOException {
        checkLength(geometry, Objects.requireNonNull(voxels, "voxels").length);
        NiftiHeader header = NiftiHeader.forVolume(geometry, NiftiDataType.FLOAT32, NiftiHeader.INTENT_NONE, description);
        writeAtomically(target, header, out -> {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_VOXELS * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < voxels.length; start += CHUNK_VOXELS) {
                int count = Math.min(CHUNK_VOXELS, voxels.length - start);
                chunk.clear();
                chunk.asFloatBuffer().put(voxels, start, count);
                out.write(chunk.array(), 0, count * 4);
            }
        });
    }

    private static void checkLength(NiftiGeometry geometry, int length) {
        if (length != geometry.voxelCount()) {
            throw new IllegalArgumentException("expected " + geometry.voxelCount() + " voxels (" + geometry.nx() + "×"
                    + geometry.ny() + "×" + geometry.nz() + "), got " + length);
        }
    }

    private interface VoxelData {
        void writeTo(OutputStream out) throws IOException;
    }

    private void writeAtomically(Path target, NiftiHeader header, VoxelData data) throws IOException {
        Objects.requireNonNull(target, "target");
        AtomicFiles.write(target, out -> {
            PackedStream packed = packing.open(out);
            packed.stream().write(header.encode().array());
            data.writeTo(packed.stream());
            packed.finish();
        });
    }

    /** Label and heatmap volumes are mostly runs of equal values: the fastest level compresses them nearly as well. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
