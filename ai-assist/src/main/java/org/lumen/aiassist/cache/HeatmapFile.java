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
 * The result cache's heatmap format: the grid, then each slice either absent (all zeros) or
 * deflated float32. Reading back touches only the stored slices, so a 512×512×300 heatmap with a few
 * nodules opens in milliseconds. (NIfTI is what Lumen exports; this is only for its own cache.)
 */
final class HeatmapFile {

    private static final int MAGIC = 0x4C48_4D31; // "LHM1"

    private HeatmapFile() { }

    static void write(Path file, FloatVolume volume) throws IOException {
        Grid g = volume.grid();
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            out.writeInt(g.nx());
            out.writeInt(g.ny());
            out.writeInt(g.nz());
            for (Vec3 v : new Vec3[] {g.origin(), g.iStep(), g.jStep(), g.kStep()}) {
                out.writeDouble(v.x());
                out.writeDouble(v.y());
                out.writeDouble(v.z());
            }
            int plane = g.nx() * g.ny();
            ByteBuffer bytes = ByteBuffer.allocate(plane * 4).order(ByteOrder.LITTLE_ENDIAN);
            byte[] packed = new byte[plane * 4 + 64];
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try {
                for (int k = 0; k < g.nz(); k++) {
                    float[] slice = volume.slice(k);
                    if (slice == null) {
                        out.writeInt(-1);
                        continue;
                    }
                    bytes.clear();
                    bytes.asFloatBuffer().put(slice);
                    deflater.reset();
                    deflater.setInput(bytes.array(), 0, plane * 4);
                    deflater.finish();
                    int length = 0;
                    while (!deflater.finished()) {
                        if (length == packed.length) {
                            packed = java.util.Arrays.copyOf(packed, packed.length * 2);
                        }
                        length += deflater.deflate(packed, length, packed.length - length);
                    }
                    out.writeInt(length);
                    out.write(packed, 0, length);
                }
            } finally {
                deflater.end();
            }
            out.flush();
        });
    }

    static FloatVolume read(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != MAGIC) {
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
                    byte[] packed = data.readNBytes(length);
                    if (packed.length != length) {
                        throw new EOFException(file + " ends inside slice " + k);
                    }
                    inflater.reset();
                    inflater.setInput(packed);
                    int got = 0;
                    while (!inflater.finished() && got < raw.length) {
                        int n = inflater.inflate(raw, got, raw.length - got);
                        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                            break;
                        }
                        got += n;
                    }
                    if (got != raw.length) {
                        throw new IOException(file + ": slice " + k + " holds " + got + " bytes, expected " + raw.length);
                    }
                    float[] slice = new float[plane];
                    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(slice);
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
}
