// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.nifti;

import java.nio.ByteBuffer;
import java.util.Objects;

/** A NIfTI-1 image read into memory: its header and its voxels in the file's byte order. */
public record NiftiImage(NiftiHeader header, ByteBuffer voxels) {

    public NiftiImage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(voxels, "voxels");
        long expected = header.voxelCount() * header.dataType().bytesPerVoxel();
        if (voxels.capacity() != expected) {
            throw new IllegalArgumentException("expected " + expected + " bytes of voxels, got " + voxels.capacity());
        }
    }

    /** Voxel {@code index} of a uint8 image, 0..255. */
    public int uint8(long index) {
        require(NiftiDataType.UINT8);
        return voxels.get(Math.toIntExact(index)) & 0xFF;
    }

    /** Voxel {@code index} of an int16 image. */
    public short int16(long index) {
        require(NiftiDataType.INT16);
        return voxels.getShort(Math.toIntExact(index * 2));
    }

    /** Voxel {@code index} of a uint16 image, 0..65535. */
    public int uint16(long index) {
        require(NiftiDataType.UINT16);
        return voxels.getShort(Math.toIntExact(index * 2)) & 0xFFFF;
    }

    /** Voxel {@code index} of a float32 image. */
    public float float32(long index) {
        require(NiftiDataType.FLOAT32);
        return voxels.getFloat(Math.toIntExact(index * 4));
    }

    /** Voxel (i, j, k) as an index for the accessors. */
    public long index(int i, int j, int k) {
        return i + (long) header.nx() * (j + (long) header.ny() * k);
    }

    private void require(NiftiDataType type) {
        if (header.dataType() != type) {
            throw new IllegalStateException("this image holds " + header.dataType() + " voxels, not " + type);
        }
    }
}
