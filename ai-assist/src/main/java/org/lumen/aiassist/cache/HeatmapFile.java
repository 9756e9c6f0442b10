// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.cache;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.io.AtomicFiles;
import org.lumen.viewer.geometry.Vec3;

/**
 * The result cache's heatmap format: the grid, then each slice either absent (all zeros) or its float32 values,
 * exactly. Reading back touches only the stored slices, so a 512×512×300 heatmap with a few nodules opens in
 * milliseconds. (NIfTI is what Lumen exports; this is only for its own cache.)
 *
 * <p>Version 2 ({@code LHM2}, written now) stores a slice as its four byte planes (byte 0 of every value, then byte 1,
 * ...), each deflated or kept as it is. A sparse slice (half its values zero or more: a lesion's surroundings) is
 * deflated whole. A dense slice (a probability in every pixel) always has its two high bytes deflated (sign, exponent,
 * high mantissa: they vary slowly) and its two low mantissa bytes only while that halves them: tried on the first
 * dense slice and every {@value #PROBE_EVERY}th after it. On a mammogram's dense map deflate spent two thirds of the
 * write on those bytes for a few per cent (decision 0041); on a smoother map they still halve. Version 1
 * ({@code LHM1}: each slice's little-endian floats deflated whole) is still read.
 */
final class HeatmapFile {

    private static final int MAGIC_V1 = 0x4C48_4D31; // "LHM1"
    private static final int MAGIC = 0x4C48_4D32; // "LHM2"
    private static final byte RAW = 0;
    private static final byte DEFLATED = 1;
    /** A dense slice's low bytes, kept as they are, are tried with deflate again every this many dense slices. */
    static final int PROBE_EVERY = 64;

    private HeatmapFile() { }

    static void write(Path file, FloatVolume volume) throws IOException {
        Grid g = volume.grid();
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            header(out, g);
            int plane = g.nx() * g.ny();
            byte[] planes = new byte[plane * 4];
            byte[] packed = new byte[plane + 64];
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            // Whether deflate halved the last dense slice's low bytes it was tried on, and the dense slices so far.
            boolean lowPays = true;
            int dense = 0;
            try {
                for (int k = 0; k < g.nz(); k++) {
                    float[] slice = volume.slice(k);
                    if (slice == null) {
                        out.writeInt(-1);
                        continue;
                    }
                    out.writeInt(k);
                    split(slice, planes, plane);
                    boolean sparse = sparse(slice);
                    boolean lowDeflated = sparse || lowPays || dense % PROBE_EVERY == 0;
                    dense += sparse ? 0 : 1;
                    long lowPacked = 0;
                    for (int p = 0; p < 4; p++) {
                        int from = p * plane;
                        if (p < 2 && !lowDeflated) {
                            out.writeByte(RAW);
                            out.write(planes, from, plane);
                            continue;
                        }
                        deflater.reset();
                        deflater.setInput(planes, from, plane);
                        deflater.finish();
                        int length = 0;
                        while (!deflater.finished()) {
                            if (length == packed.length) {
                                packed = java.util.Arrays.copyOf(packed, packed.length * 2);
                            }
                            length += deflater.deflate(packed, length, packed.length - length);
                        }
                        out.writeByte(DEFLATED);
                        out.writeInt(length);
                        out.write(packed, 0, length);
                        lowPacked += p < 2 ? length : 0;
                    }
                    if (!sparse && lowDeflated) {
                        lowPays = lowPacked <= plane; // the two low planes' bytes at least halved
                    }
                }
            } finally {
                deflater.end();
            }
            out.flush();
        });
    }

    private static void header(DataOutputStream out, Grid g) throws IOException {
        out.writeInt(g.nx());
        out.writeInt(g.ny());
        out.writeInt(g.nz());
        for (Vec3 v : new Vec3[] {g.origin(), g.iStep(), g.jStep(), g.kStep()}) {
            out.writeDouble(v.x());
            out.writeDouble(v.y());
            out.writeDouble(v.z());
        }
    }

    /** Byte {@code p} of every value's float bits into plane {@code p} of {@code planes}. */
    static void split(float[] slice, byte[] planes, int plane) {
        for (int i = 0; i < plane; i++) {
            int bits = Float.floatToRawIntBits(slice[i]);
            planes[i] = (byte) bits;
            planes[plane + i] = (byte) (bits >> 8);
            planes[2 * plane + i] = (byte) (bits >> 16);
            planes[3 * plane + i] = (byte) (bits >>> 24);
        }
    }

    /** The inverse of {@link #split}. */
    static void join(byte[] planes, int plane, float[] slice) {
        for (int i = 0; i < plane; i++) {
            int bits = (planes[i] & 0xFF) | (planes[plane + i] & 0xFF) << 8 | (planes[2 * plane + i] & 0xFF) << 16
                    | (planes[3 * plane + i] & 0xFF) << 24;
            slice[i] = Float.intBitsToFloat(bits);
        }
    }

    /** Whether at least half the slice's values are zero: all its byte planes are then mostly zero bytes. */
    static boolean sparse(float[] slice) {
        int zeros = 0;
        for (float v : slice) {
            zeros += v == 0 ? 1 : 0;
        }
        return 2L * zeros >= slice.length;
    }

    static FloatVolume read(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream data = new DataInputStream(in);
            int magic = data.readInt();
            if (magic != MAGIC && magic != MAGIC_V1) {
                throw new IOException(file + " is not a Lumen heatmap cache file");
            }
            int nx = data.readInt();
            int ny = data.readInt();
            int nz = data.readInt();
            Vec3[] v = new Vec3[4];
            for (int n = 0; n < 4; n++) {
                v[n] = new Vec3(data.readDouble(), data.readDouble(), data.readDouble());
            }
            Grid g = new Grid(nx, ny, nz, v[0], v[1], v[2], v[3]);
            int plane = nx * ny;
            float[][] slices = new float[nz][];
            byte[] raw = new byte[plane * 4];
            Inflater inflater = new Inflater();
            try {
                for (int k = 0; k < nz; k++) {
                    int length = data.readInt();
                    if (length < 0) {
                        continue;
                    }
                    float[] slice = new float[plane];
                    if (magic == MAGIC_V1) {
                        inflate(inflater, packed(data, length, file, k), raw, 0, raw.length, file, k);
                        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(slice);
                    } else {
                        if (length != k) {
                            throw new IOException(file + " is damaged: slice " + k + " is marked as slice " + length);
                        }
                        for (int p = 0; p < 4; p++) {
                            byte kind = data.readByte();
                            if (kind == RAW) {
                                try {
                                    data.readFully(raw, p * plane, plane);
                                } catch (EOFException e) {
                                    throw new EOFException(file + " ends inside slice " + k);
                                }
                            } else if (kind == DEFLATED) {
                                inflate(inflater, packed(data, data.readInt(), file, k), raw, p * plane, plane, file, k);
                            } else {
                                throw new IOException(file + " is damaged: byte plane " + p + " of slice " + k + " is of unknown kind " + kind);
                            }
                        }
                        join(raw, plane, slice);
                    }
                    slices[k] = slice;
                }
            } catch (DataFormatException e) {
                throw new IOException(file + " is damaged: " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
            return new FloatVolume(g, slices);
        }
    }

    private static byte[] packed(DataInputStream data, int length, Path file, int k) throws IOException {
        if (length < 0) {
            throw new IOException(file + " is damaged: slice " + k + " claims " + length + " bytes");
        }
        byte[] packed = data.readNBytes(length);
        if (packed.length != length) {
            throw new EOFException(file + " ends inside slice " + k);
        }
        return packed;
    }

    /** Inflates {@code packed} into exactly {@code length} bytes of {@code into} from {@code at}. */
    private static void inflate(Inflater inflater, byte[] packed, byte[] into, int at, int length, Path file, int k)
            throws IOException, DataFormatException {
        inflater.reset();
        inflater.setInput(packed);
        int got = 0;
        while (!inflater.finished() && got < length) {
            int n = inflater.inflate(into, at + got, length - got);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                break;
            }
            got += n;
        }
        if (got != length) {
            throw new IOException(file + ": slice " + k + " holds " + got + " bytes where " + length + " were expected");
        }
    }
}
