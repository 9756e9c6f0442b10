// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.mask;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.BitSet;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The stored form of a {@link LabelMask}: per labelled slice, runs of (label, length) along the
 * rows, the whole deflated. A 512×512×300 mask with a few lesions encodes to a few kilobytes.
 * Format "LMK1": magic, columns, rows, slices, number of labelled slices, then per slice its
 * index, run count and runs (label byte, run length as an unsigned varint); deflate around it.
 */
public final class MaskCodec {

    private static final int MAGIC = 0x4C4D4B31; // "LMK1"

    private MaskCodec() { }

    public static byte[] encode(LabelMask mask) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        // Buffered in front of the deflater: one native deflate call per 8 KiB, not one per byte written.
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new DeflaterOutputStream(bytes, deflater), 8192))) {
            out.writeInt(MAGIC);
            out.writeInt(mask.columns());
            out.writeInt(mask.rows());
            out.writeInt(mask.slices());
            BitSet labelled = mask.labelledSlices();
            out.writeInt(labelled.cardinality());
            for (int k = labelled.nextSetBit(0); k >= 0; k = labelled.nextSetBit(k + 1)) {
                byte[] plane = mask.sliceOrNull(k);
                out.writeInt(k);
                int runs = 0;
                for (int p = 0; p < plane.length; p = runEnd(plane, p)) {
                    runs++;
                }
                out.writeInt(runs);
                for (int p = 0; p < plane.length; ) {
                    int q = runEnd(plane, p);
                    out.writeByte(plane[p]);
                    writeVarint(out, q - p);
                    p = q;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * The blob of a {@code columns × rows × 1} mask holding {@code slice}: byte for byte what
     * {@link #encode} writes for that mask, without building it.
     *
     * @throws IllegalArgumentException when the slice is empty (an empty mask has no slice to write)
     *                                  or does not have {@code columns × rows} voxels
     */
    public static byte[] encodeSlice(int columns, int rows, SliceRuns slice) {
        if (slice.isEmpty()) {
            throw new IllegalArgumentException("an empty slice is cleared, not encoded");
        }
        if ((long) columns * rows != slice.voxels()) {
            throw new IllegalArgumentException("the slice has " + slice.voxels() + " voxels, not " + columns + "x" + rows);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 3 * slice.runs());
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new DeflaterOutputStream(bytes, deflater), 8192))) {
            out.writeInt(MAGIC);
            out.writeInt(columns);
            out.writeInt(rows);
            out.writeInt(1);
            out.writeInt(1);
            out.writeInt(0);
            out.writeInt(slice.runs());
            for (int r = 0; r < slice.runs(); r++) {
                out.writeByte(slice.label(r));
                writeVarint(out, slice.length(r));
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /** Decodes what {@link #encode} wrote; a damaged blob gives an {@link IOException} that says what is wrong. */
    public static LabelMask decode(byte[] blob) throws IOException {
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new java.io.ByteArrayInputStream(blob), inflater))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Lumen label mask (no LMK1 header)");
            }
            int columns = in.readInt();
            int rows = in.readInt();
            int slices = in.readInt();
            if (columns <= 0 || rows <= 0 || slices <= 0 || (long) columns * rows > Integer.MAX_VALUE) {
                throw new IOException("label mask has impossible dimensions " + columns + "x" + rows + "x" + slices);
            }
            LabelMask mask = new LabelMask(columns, rows, slices);
            int labelled = in.readInt();
            if (labelled < 0 || labelled > slices) {
                throw new IOException("label mask claims " + labelled + " labelled slices of " + slices);
            }
            for (int s = 0; s < labelled; s++) {
                int k = in.readInt();
                if (k < 0 || k >= slices) {
                    throw new IOException("label mask slice index " + k + " is outside 0.." + (slices - 1));
                }
                int runs = in.readInt();
                byte[] plane = new byte[columns * rows];
                int p = 0;
                for (int r = 0; r < runs; r++) {
                    byte label = in.readByte();
                    int length = readVarint(in);
                    if (length <= 0 || p + length > plane.length) {
                        throw new IOException("label mask slice " + k + " has runs longer than the slice");
                    }
                    java.util.Arrays.fill(plane, p, p + length, label);
                    p += length;
                }
                if (p != plane.length) {
                    throw new IOException("label mask slice " + k + " has runs covering " + p + " of " + plane.length + " voxels");
                }
                mask.adoptSlice(k, plane);
            }
            return mask;
        } catch (EOFException e) {
            throw new IOException("label mask is truncated", e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException("label mask is not deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** The end (exclusive) of the run of equal labels starting at {@code p}; long empty runs are found a word at a time. */
    static int runEnd(byte[] plane, int p) {
        byte label = plane[p];
        int q = p + 1;
        if (label == 0) {
            // Most of a mask is empty: skip zeros with the vectorised comparison against an all-zero block.
            while (q < plane.length) {
                int block = Math.min(ZEROS.length, plane.length - q);
                int differs = java.util.Arrays.mismatch(plane, q, q + block, ZEROS, 0, block);
                if (differs >= 0) {
                    return q + differs;
                }
                q += block;
            }
            return q;
        }
        while (q < plane.length && plane[q] == label) {
            q++;
        }
        return q;
    }

    private static final byte[] ZEROS = new byte[4096];

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("label mask has a malformed run length");
    }

}
