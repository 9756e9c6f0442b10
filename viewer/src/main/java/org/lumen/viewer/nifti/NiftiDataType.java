// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.nifti;

/** The NIfTI-1 voxel types Lumen writes and reads, with their header codes. */
public enum NiftiDataType {

    UINT8(2, 8),
    INT16(4, 16),
    UINT16(512, 16),
    FLOAT32(16, 32);

    private final short code;
    private final short bitsPerVoxel;

    NiftiDataType(int code, int bitsPerVoxel) {
        this.code = (short) code;
        this.bitsPerVoxel = (short) bitsPerVoxel;
    }

    /** The header's datatype field. */
    public short code() { return code; }

    /** The header's bitpix field. */
    public short bitsPerVoxel() { return bitsPerVoxel; }

    public int bytesPerVoxel() { return bitsPerVoxel / 8; }

    /** The type for a header datatype code, or null when Lumen does not handle that code. */
    public static NiftiDataType ofCode(int code) {
        for (NiftiDataType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
