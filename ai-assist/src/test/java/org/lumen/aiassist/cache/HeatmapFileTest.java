// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.viewer.geometry.Vec3;

/**
 * The result cache's heatmap file: what is written reads back bit for bit (dense maps with noisy mantissas, sparse
 * volumes, the awkward floats), a dense slice's low mantissa bytes are stored as they are and a sparse slice deflated
 * whole, files of the first version still read, and damage is refused with the file named.
 */
class HeatmapFileTest {

    @TempDir
    Path tmp;

    static final Grid ROW_GRID = new Grid(3064, 1, 40, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));

    /** Rows like a dense probability map's: every value in (0, 1), its low mantissa bits noise. */
    static FloatVolume denseMap(Grid g, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] slices = new float[g.nz()][];
        for (int k = 0; k < g.nz(); k++) {
            float[] s = new float[g.nx() * g.ny()];
            for (int i = 0; i < s.length; i++) {
                double smooth = 0.5 + 0.45 * Math.sin(i / 97.0 + k / 13.0);
                s[i] = (float) (smooth * (1 + 1e-3 * r.nextGaussian()));
            }
            slices[k] = s;
        }
        return new FloatVolume(g, slices);
    }

    @Test
    void aDenseMapReadsBackBitForBitAndItsNoisyLowBytesAreNotDeflated() throws Exception {
        FloatVolume map = denseMap(ROW_GRID, 7);
        Path file = tmp.resolve("dense.lhm");
        HeatmapFile.write(file, map);
        assertSameBits(HeatmapFile.read(file), map);

        assertThat(HeatmapFile.sparse(map.slice(0))).isFalse();
        // The noisy low bytes do not halve: kept as they are after the first try, the high bytes deflated.
        long floats = 4L * ROW_GRID.nx() * ROW_GRID.nz();
        assertThat(Files.size(file)).isLessThan(floats).isGreaterThan(floats / 3);
    }

    @Test
    void aDenseMapWhoseLowBytesHalveHasThemDeflated() throws Exception {
        // Probabilities in steps of 1/1024: a value in every pixel, most low mantissa bits zero.
        FloatVolume map = denseMap(ROW_GRID, 11);
        float[][] steps = new float[ROW_GRID.nz()][];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = map.slice(k).clone();
            for (int i = 0; i < steps[k].length; i++) {
                steps[k][i] = Math.max(1, Math.round(steps[k][i] * 1024)) / 1024f;
            }
        }
        FloatVolume stepped = new FloatVolume(ROW_GRID, steps);
        Path file = tmp.resolve("steps.lhm");
        HeatmapFile.write(file, stepped);
        assertSameBits(HeatmapFile.read(file), stepped);
        assertThat(Files.size(file)).isLessThan(4L * ROW_GRID.nx() * ROW_GRID.nz() / 4);
    }

    @Test
    void aSparseVolumeKeepsItsAbsentSlicesAndDeflatesItsZeros() throws Exception {
        Grid g = new Grid(256, 256, 30, new Vec3(-10, 4, 2.5), new Vec3(0.7, 0, 0), new Vec3(0, 0.7, 0), new Vec3(0, 0, 1.25));
        float[][] slices = new float[g.nz()][];
        for (int k = 12; k < 15; k++) {
            float[] s = new float[g.nx() * g.ny()];
            for (int j = 100; j < 110; j++) {
                for (int i = 40; i < 52; i++) {
                    s[j * g.nx() + i] = 0.25f + 0.01f * (i + j + k);
                }
            }
            slices[k] = s;
        }
        FloatVolume volume = new FloatVolume(g, slices);
        Path file = tmp.resolve("sparse.lhm");
        HeatmapFile.write(file, volume);
        FloatVolume read = HeatmapFile.read(file);
        assertSameBits(read, volume);
        assertThat(read.slice(0)).isNull();
        assertThat(read.grid().origin()).isEqualTo(g.origin());
        assertThat(read.grid().kStep()).isEqualTo(g.kStep());
        assertThat(HeatmapFile.sparse(slices[12])).isTrue();
        assertThat(Files.size(file)).as("three mostly-zero slices of 256 KiB").isLessThan(10_000);
    }

    @Test
    void awkwardFloatsKeepTheirBits() throws Exception {
        float[] odd = {-0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
                Float.POSITIVE_INFINITY, Float.intBitsToFloat(0x7FC0_1234), Float.NaN, 1f, -1f, 0f};
        Grid g = new Grid(odd.length, 1, 2, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        FloatVolume volume = new FloatVolume(g, new float[][] {odd, new float[odd.length]});
        Path file = tmp.resolve("odd.lhm");
        HeatmapFile.write(file, volume);
        assertSameBits(HeatmapFile.read(file), volume);
    }

    @Test
    void aFileOfTheFirstVersionStillReads() throws Exception {
        FloatVolume map = denseMap(new Grid(300, 2, 5, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1)), 3);
        float[][] slices = new float[5][];
        for (int k = 0; k < 5; k++) {
            slices[k] = k == 2 ? null : map.slice(k);
        }
        FloatVolume withGap = new FloatVolume(map.grid(), slices);
        Path file = tmp.resolve("v1.lhm");
        Files.write(file, versionOne(withGap));
        assertSameBits(HeatmapFile.read(file), withGap);
    }

    @Test
    void damageIsRefusedNamingTheFile() throws Exception {
        Path file = tmp.resolve("cut.lhm");
        HeatmapFile.write(file, denseMap(ROW_GRID, 1));
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> HeatmapFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining(file.toString());

        // The first slice's first byte plane given an unknown kind.
        Path odd = tmp.resolve("kind.lhm");
        byte[] changed = whole.clone();
        int firstPlane = 4 + 12 + 4 * 24 + 4;
        changed[firstPlane] = 7;
        Files.write(odd, changed);
        assertThatThrownBy(() -> HeatmapFile.read(odd)).isInstanceOf(IOException.class).hasMessageContaining(odd.toString())
                .hasMessageContaining("unknown kind 7");

        Path other = tmp.resolve("other.lhm");
        Files.writeString(other, "not a heatmap at all");
        assertThatThrownBy(() -> HeatmapFile.read(other)).isInstanceOf(IOException.class).hasMessageContaining("not a Lumen heatmap");
    }

    /** The first version's layout: header, then per slice -1 or the length of its deflated little-endian floats. */
    private static byte[] versionOne(FloatVolume volume) throws IOException {
        Grid g = volume.grid();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x4C48_4D31);
        out.writeInt(g.nx());
        out.writeInt(g.ny());
        out.writeInt(g.nz());
        for (Vec3 v : new Vec3[] {g.origin(), g.iStep(), g.jStep(), g.kStep()}) {
            out.writeDouble(v.x());
            out.writeDouble(v.y());
            out.writeDouble(v.z());
        }
        for (int k = 0; k < g.nz(); k++) {
            float[] s = volume.slice(k);
            if (s == null) {
                out.writeInt(-1);
                continue;
            }
            ByteBuffer raw = ByteBuffer.allocate(s.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(s);
            Deflater d = new Deflater(Deflater.BEST_SPEED);
            d.setInput(raw.array());
            d.finish();
            byte[] packed = new byte[s.length * 8 + 64];
            int n = 0;
            while (!d.finished()) {
                n += d.deflate(packed, n, packed.length - n);
            }
            d.end();
            out.writeInt(n);
            out.write(packed, 0, n);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void assertSameBits(FloatVolume actual, FloatVolume expected) {
        assertThat(actual.grid().nx()).isEqualTo(expected.grid().nx());
        assertThat(actual.grid().ny()).isEqualTo(expected.grid().ny());
        assertThat(actual.grid().nz()).isEqualTo(expected.grid().nz());
        for (int k = 0; k < expected.grid().nz(); k++) {
            float[] e = expected.slice(k);
            float[] a = actual.slice(k);
            if (e == null) {
                assertThat(a).as("slice %d", k).isNull();
                continue;
            }
            assertThat(a).as("slice %d", k).isNotNull().hasSameSizeAs(e);
            for (int i = 0; i < e.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(e[i])) {
                    throw new AssertionError("slice " + k + " value " + i + ": " + a[i] + " (bits " + Integer.toHexString(Float.floatToRawIntBits(a[i]))
                            + ") read back for " + e[i] + " (bits " + Integer.toHexString(Float.floatToRawIntBits(e[i])) + ")");
                }
            }
        }
    }
}
