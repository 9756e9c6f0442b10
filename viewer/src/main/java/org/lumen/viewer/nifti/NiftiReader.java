// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads single-file NIfTI-1 images ({@code .nii} or gzipped {@code .nii.gz}) of the types in {@link NiftiDataType}. */
public final class NiftiReader {

    private static final int GZIP_MAGIC = 0x8B1F;

    /**
     * Reads the header and all voxels.
     *
     * @throws IOException naming {@code source} when it cannot be read or is not a supported NIfTI-1 image
     */
    public NiftiImage read(Path source) throws IOException {
        try (InputStream in = open(source)) {
            byte[] headerBytes = in.readNBytes(NiftiHeader.DATA_OFFSET);
            if (headerBytes.length < NiftiHeader.DATA_OFFSET) {
                throw new IOException(source + ": only " + headerBytes.length + " bytes, too short for a NIfTI-1 image");
            }
            ByteBuffer headerBuffer = ByteBuffer.wrap(headerBytes);
            NiftiHeader header;
            try {
                header = NiftiHeader.decode(headerBuffer);
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": " + e.getMessage(), e);
            }
            long offset = (long) header.voxOffset();
            if (offset < NiftiHeader.DATA_OFFSET) {
                throw new IOException(source + ": vox_offset " + header.voxOffset() + " lies inside the header");
            }
            try {
                in.skipNBytes(offset - NiftiHeader.DATA_OFFSET);
            } catch (EOFException e) {
                throw new IOException(source + ": file ends before the voxel data", e);
            }
            long bytes = header.voxelCount() * header.dataType().bytesPerVoxel();
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new IOException(source + ": " + bytes + " bytes of voxels are more than Lumen reads into one array");
            }
            byte[] data = in.readNBytes((int) bytes);
            if (data.length != bytes) {
                throw new IOException(source + ": expected " + bytes + " bytes of voxels, file has " + data.length);
            }
            return new NiftiImage(header, ByteBuffer.wrap(data).order(NiftiHeader.byteOrderOf(headerBuffer)));
        }
    }

    private static InputStream open(Path source) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(source), 1 << 16);
        in.mark(2);
        int magic = in.read() | (in.read() << 8);
        in.reset();
        return magic == GZIP_MAGIC ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
