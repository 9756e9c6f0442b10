// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * The fields of a single-file NIfTI-1 header that Lumen writes and reads, and their 348-byte layout.
 * Affines (sform rows, qform) are in NIfTI's RAS+ world; {@link #geometry()} converts back to LPS.
 *
 * @param dim    dim[0] is the number of dimensions, dim[1..3] the sizes
 * @param pixdim pixdim[0] is qfac (±1), pixdim[1..3] the voxel sizes in mm
 * @param srow   the sform's three rows of four values, RAS+
 */
public record NiftiHeader(NiftiDataType dataType, int[] dim, float[] pixdim, float voxOffset, float sclSlope,
                          float sclInter, short intentCode, byte xyztUnits, String description, short qformCode,
                          short sformCode, float[] quatern, float[] qoffset, float[][] srow) {

    /** Size of the header proper. */
    public static final int HEADER_BYTES = 348;
    /** Header plus the 4-byte extension flag: where single-file ("n+1") data starts. */
    public static final int DATA_OFFSET = 352;
    /** NIFTI_INTENT_LABEL: voxel values are indices into a label table. */
    public static final short INTENT_LABEL = 1002;
    /** NIFTI_INTENT_NONE. */
    public static final short INTENT_NONE = 0;
    /** NIFTI_XFORM_SCANNER_ANAT: coordinates are the scanner's (here: DICOM patient coordinates in RAS+). */
    public static final short XFORM_SCANNER_ANAT = 1;
    /** NIFTI_UNITS_MM. */
    public static final byte UNITS_MM = 2;

    private static final int DESCRIPTION_BYTES = 80;
    private static final double ORTHONORMAL_TOLERANCE = 1e-4;

    public NiftiHeader {
        Objects.requireNonNull(dataType, "dataType");
        dim = copy(dim, 8, "dim");
        pixdim = copy(pixdim, 8, "pixdim");
        quatern = copy(quatern, 3, "quatern");
        qoffset = copy(qoffset, 3, "qoffset");
        Objects.requireNonNull(srow, "srow");
        if (srow.length != 3) {
            throw new IllegalArgumentException("srow needs 3 rows, has " + srow.length);
        }
        srow = new float[][] {copy(srow[0], 4, "srow[0]"), copy(srow[1], 4, "srow[1]"), copy(srow[2], 4, "srow[2]")};
        description = description == null ? "" : description;
    }

    /**
     * The header for a 3D volume on {@code geometry}: sform (scanner anat) always, qform too when the
     * voxel axes are orthogonal (a qform cannot express sheared grids such as gantry-tilted stacks).
     */
    public static NiftiHeader forVolume(NiftiGeometry geometry, NiftiDataType dataType, short intentCode,
                                        String description) {
        Vec3 i = toRas(geometry.iStep());
        Vec3 j = toRas(geometry.jStep());
        Vec3 k = toRas(geometry.kStep());
        Vec3 origin = toRas(geometry.origin());
        float[][] srow = {
            {(float) i.x(), (float) j.x(), (float) k.x(), (float) origin.x()},
            {(float) i.y(), (float) j.y(), (float) k.y(), (float) origin.y()},
            {(float) i.z(), (float) j.z(), (float) k.z(), (float) origin.z()},
        };
        float[] pixdim = {1, (float) i.length(), (float) j.length(), (float) k.length(), 0, 0, 0, 0};
        float[] quatern = new float[3];
        short qformCode = 0;
        Vec3 u = i.normalized();
        Vec3 v = j.normalized();
        Vec3 w = k.normalized();
        if (Math.abs(u.dot(v)) < ORTHONORMAL_TOLERANCE && Math.abs(u.dot(w)) < ORTHONORMAL_TOLERANCE
                && Math.abs(v.dot(w)) < ORTHONORMAL_TOLERANCE) {
            // A left-handed grid is a proper rotation with the third axis flipped: NIfTI's qfac says so.
            if (u.cross(v).dot(w) < 0) {
                pixdim[0] = -1;
                w = w.times(-1);
            }
            quatern = quaternion(u, v, w);
            qformCode = XFORM_SCANNER_ANAT;
        }
        int[] dim = {3, geometry.nx(), geometry.ny(), geometry.nz(), 1, 1, 1, 1};
        return new NiftiHeader(dataType, dim, pixdim, DATA_OFFSET, 1, 0, intentCode, UNITS_MM, description,
                qformCode, XFORM_SCANNER_ANAT, quatern,
                new float[] {(float) origin.x(), (float) origin.y(), (float) origin.z()}, srow);
    }

    public int nx() { return dim[1]; }

    public int ny() { return dim[2]; }

    public int nz() { return dim[3]; }

    /** Voxels in the image (the product of the used dimensions). */
    public long voxelCount() {
        long count = 1;
        for (int d = 1; d <= Math.max(1, Math.min(dim[0], 7)); d++) {
            count *= Math.max(1, dim[d]);
        }
        return count;
    }

    /** The voxel grid in DICOM patient coordinates (LPS), from the sform. */
    public NiftiGeometry geometry() {
        if (sformCode <= 0) {
            throw new IllegalStateException("this NIfTI header has no sform (sform_code " + sformCode + ")");
        }
        return new NiftiGeometry(nx(), ny(), nz(), fromRas(3), fromRas(0), fromRas(1), fromRas(2));
    }

    @Override public int[] dim() { return dim.clone(); }

    @Override public float[] pixdim() { return pixdim.clone(); }

    @Override public float[] quatern() { return quatern.clone(); }

    @Override public float[] qoffset() { return qoffset.clone(); }

    @Override public float[][] srow() { return new float[][] {srow[0].clone(), srow[1].clone(), srow[2].clone()}; }

    /** The 348-byte header followed by an empty 4-byte extension flag, little-endian. */
    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(DATA_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, HEADER_BYTES);
        b.put(38, (byte) 'r'); // "regular", kept for Analyze 7.5 readers
        for (int d = 0; d < 8; d++) {
            b.putShort(40 + 2 * d, (short) dim[d]);
        }
        b.putShort(68, intentCode);
        b.putShort(70, dataType.code());
        b.putShort(72, dataType.bitsPerVoxel());
        for (int d = 0; d < 8; d++) {
            b.putFloat(76 + 4 * d, pixdim[d]);
        }
        b.putFloat(108, voxOffset);
        b.putFloat(112, sclSlope);
        b.putFloat(116, sclInter);
        b.put(123, xyztUnits);
        byte[] text = description.getBytes(StandardCharsets.US_ASCII);
        b.put(148, text, 0, Math.min(text.length, DESCRIPTION_BYTES - 1));
        b.putShort(252, qformCode);
        b.putShort(254, sformCode);
        for (int q = 0; q < 3; q++) {
            b.putFloat(256 + 4 * q, quatern[q]);
            b.putFloat(268 + 4 * q, qoffset[q]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                b.putFloat(280 + 16 * r + 4 * c, srow[r][c]);
            }
        }
        b.put(344, new byte[] {'n', '+', '1', 0});
        return b;
    }

    /**
     * Reads a header from the first 348 bytes of {@code bytes}, in whichever byte order it was written.
     *
     * @throws IllegalArgumentException saying what is wrong when it is not a single-file NIfTI-1 header
     */
    public static NiftiHeader decode(ByteBuffer bytes) {
        if (bytes.remaining() < HEADER_BYTES) {
            throw new IllegalArgumentException("a NIfTI-1 header has " + HEADER_BYTES + " bytes, found only " + bytes.remaining());
        }
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != HEADER_BYTES) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != HEADER_BYTES) {
                throw new IllegalArgumentException("not a NIfTI-1 header: sizeof_hdr is not 348 in either byte order");
            }
        }
        if (b.get(344) != 'n' || b.get(345) != '+' || b.get(346) != '1' || b.get(347) != 0) {
            throw new IllegalArgumentException("not a single-file NIfTI-1 image: magic is not \"n+1\"");
        }
        short datatype = b.getShort(70);
        NiftiDataType type = NiftiDataType.ofCode(datatype);
        if (type == null) {
            throw new IllegalArgumentException("NIfTI datatype " + datatype + " is not supported (only uint8, int16, uint16 and float32)");
        }
        int[] dim = new int[8];
        float[] pixdim = new float[8];
        for (int d = 0; d < 8; d++) {
            dim[d] = b.getShort(40 + 2 * d);
            pixdim[d] = b.getFloat(76 + 4 * d);
        }
        if (dim[0] < 1 || dim[0] > 7) {
            throw new IllegalArgumentException("NIfTI dim[0] must be between 1 and 7, was " + dim[0]);
        }
        float[] quatern = new float[3];
        float[] qoffset = new float[3];
        for (int q = 0; q < 3; q++) {
            quatern[q] = b.getFloat(256 + 4 * q);
            qoffset[q] = b.getFloat(268 + 4 * q);
        }
        float[][] srow = new float[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
            }
        }
        byte[] text = new byte[DESCRIPTION_BYTES];
        b.get(148, text);
        int length = 0;
        while (length < text.length && text[length] != 0) {
            length++;
        }
        return new NiftiHeader(type, dim, pixdim, b.getFloat(108), b.getFloat(112), b.getFloat(116), b.getShort(68),
                b.get(123), new String(text, 0, length, StandardCharsets.US_ASCII), b.getShort(252), b.getShort(254),
                quatern, qoffset, srow);
    }

    /** Byte order of a header in {@code bytes} (NIfTI files may be either). */
    static ByteOrder byteOrderOf(ByteBuffer bytes) {
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(0) == HEADER_BYTES
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    /** LPS and RAS differ by the sign of x and y (0.0 - v, not -v: no negative zeros in headers or records). */
    private static Vec3 toRas(Vec3 lps) {
        return new Vec3(0.0 - lps.x(), 0.0 - lps.y(), lps.z());
    }

    private Vec3 fromRas(int column) {
        return new Vec3(0.0 - srow[0][column], 0.0 - srow[1][column], srow[2][column]);
    }

    /** Quaternion (b, c, d; a ≥ 0 implied) of the proper rotation whose columns are u, v, w (NIfTI-1's method). */
    private static float[] quaternion(Vec3 u, Vec3 v, Vec3 w) {
        double r11 = u.x(), r12 = v.x(), r13 = w.x();
        double r21 = u.y(), r22 = v.y(), r23 = w.y();
        double r31 = u.z(), r32 = v.z(), r33 = w.z();
        double a = r11 + r22 + r33 + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        } else {
            double xd = 1 + r11 - (r22 + r33);
            double yd = 1 + r22 - (r11 + r33);
            double zd = 1 + r33 - (r11 + r22);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }
            if (a < 0) {
                a = -a;
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return storable(a, b, c, d);
    }

    /** Below this, a reader's a = √(1 − b² − c² − d²) from float32 b, c, d is mostly rounding error. */
    private static final double SMALL_A = 1e-4;

    /**
     * The quaternion's b, c, d as float32, the way readers rebuild a from them. Where a is (nearly)
     * zero, as for a coronal grid (a half turn), b² + c² + d² of the rounded values can fall short of 1
     * by 1e-7, and a reader (nibabel) then finds a ≈ 2e-4 and tilts the axes by as much: here the
     * values are nudged up by an ulp until their squares reach 1, so every reader finds a = 0.
     */
    static float[] storable(double a, double b, double c, double d) {
        if (a >= SMALL_A) {
            return new float[] {(float) b, (float) c, (float) d};
        }
        double norm = Math.sqrt(b * b + c * c + d * d);
        float[] q = {(float) (b / norm), (float) (c / norm), (float) (d / norm)};
        while ((double) q[0] * q[0] + (double) q[1] * q[1] + (double) q[2] * q[2] < 1) {
            int largest = 0;
            for (int n = 1; n < 3; n++) {
                if (Math.abs(q[n]) > Math.abs(q[largest])) {
                    largest = n;
                }
            }
            q[largest] = Math.nextAfter(q[largest], q[largest] < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return q;
    }

    private static int[] copy(int[] values, int length, String name) {
        Objects.requireNonNull(values, name);
        if (values.length != length) {
            throw new IllegalArgumentException(name + " needs " + length + " values, has " + values.length);
        }
        return values.clone();
    }

    private static float[] copy(float[] values, int length, String name) {
        Objects.requireNonNull(values, name);
        if (values.length != length) {
            throw new IllegalArgumentException(name + " needs " + length + " values, has " + values.length);
        }
        return values.clone();
    }
}
