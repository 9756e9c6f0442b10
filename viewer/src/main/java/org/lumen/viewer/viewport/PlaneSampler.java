// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.util.Arrays;
import java.util.BitSet;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/**
 * Produces the image of one view plane from a volume's slices in memory: a stored slice is
 * returned as is (no copy); a reformat or a thick slab (maximum intensity projection) is written
 * into one buffer this sampler owns and reuses, so scrolling never allocates per frame. Slices
 * not in memory yet are left at the type's minimum (black) and reported so they can be fetched.
 * One sampler per viewport, used from one thread.
 */
public final class PlaneSampler {

    private final Volume volume;
    private final ViewPlane plane;
    private final VoxelType type;
    private final BitSet missing = new BitSet();
    private VoxelSlice out;

    public PlaneSampler(Volume volume, ViewPlane plane) {
        this.volume = volume;
        this.plane = plane;
        this.type = volume.voxelType();
    }

    public ViewPlane plane() { return plane; }

    /**
     * The image of plane {@code n}; with {@code slab} > 1, the maximum over that many planes centred
     * on n. Returns null when nothing of it is in memory yet.
     */
    public VoxelSlice sample(int n, int slab) {
        missing.clear();
        int span = Math.max(1, slab);
        int from = Math.max(0, n - (span - 1) / 2);
        int to = Math.min(plane.count() - 1, n - (span - 1) / 2 + span - 1);
        if (plane.axis() == PlaneAxis.SLICES && from == to) {
            VoxelSlice slice = volume.sliceOrNull(n);
            if (slice == null) {
                missing.set(n);
            }
            return slice;
        }
        VoxelSlice out = buffer();
        clear(out);
        int found = plane.axis() == PlaneAxis.SLICES ? projectStored(from, to, out)
                : plane.resamplesSlices() ? reformatResampled(from, to, out) : reformat(from, to, out);
        return found == 0 ? null : out;
    }

    /**
     * The stored slices the last {@link #sample} needed but found missing from memory. The set is
     * this sampler's own (no copy per frame): read it before the next sample, never change it.
     */
    public BitSet missingSlices() {
        return missing;
    }

    private int projectStored(int from, int to, VoxelSlice out) {
        int found = 0;
        for (int k = from; k <= to; k++) {
            VoxelSlice s = volume.sliceOrNull(k);
            if (s == null) {
                missing.set(k);
                continue;
            }
            found++;
            int n = s.columns() * s.rows();
            for (int p = 0; p < n; p++) {
                maxInto(out, p, s, p);
            }
        }
        return found;
    }

    /** Rows (or columns) from/to of every stored slice become one row of the output. */
    private int reformat(int from, int to, VoxelSlice out) {
        int columns = volume.geometry().columns();
        int width = plane.width();
        int height = plane.height();
        boolean sliceAlongY = plane.yAxis() == 2;
        int found = 0;
        for (int k = 0; k < volume.sliceCount(); k++) {
            VoxelSlice s = volume.sliceOrNull(k);
            if (s == null) {
                missing.set(k);
                continue;
            }
            found++;
            // The output line this slice fills: a row when slices run down the screen, else a column.
            int line = sliceAlongY ? (plane.flipY() ? height - 1 - k : k) : (plane.flipX() ? width - 1 - k : k);
            int length = sliceAlongY ? width : height;
            boolean flipAlong = sliceAlongY ? plane.flipX() : plane.flipY();
            for (int fixed = from; fixed <= to; fixed++) {
                for (int t = 0; t < length; t++) {
                    int along = flipAlong ? length - 1 - t : t;
                    int source = plane.axis() == PlaneAxis.ROWS ? fixed * columns + along : along * columns + fixed;
                    int target = sliceAlongY ? line * width + t : t * width + line;
                    maxInto(out, target, s, source);
                }
            }
        }
        return found;
    }

    /**
     * An irregular stack's reformat (ADR 0014): output line m lies at an even step over the true
     * extent, between stored slices k and k + 1, and takes their values blended linearly.
     */
    private int reformatResampled(int from, int to, VoxelSlice out) {
        int columns = volume.geometry().columns();
        int width = plane.width();
        int height = plane.height();
        boolean sliceAlongY = plane.yAxis() == 2;
        int lines = sliceAlongY ? height : width;
        int length = sliceAlongY ? width : height;
        boolean flipAlong = sliceAlongY ? plane.flipX() : plane.flipY();
        int found = 0;
        for (int m = 0; m < lines; m++) {
            int k0 = plane.lowerSlice(m);
            float w = plane.upperWeight(m);
            VoxelSlice s0 = volume.sliceOrNull(k0);
            VoxelSlice s1 = w == 0 ? s0 : volume.sliceOrNull(k0 + 1);
            if (s0 == null || s1 == null) {
                if (s0 == null) {
                    missing.set(k0);
                }
                if (s1 == null) {
                    missing.set(k0 + 1);
                }
                continue;
            }
            found++;
            int line = sliceAlongY ? (plane.flipY() ? height - 1 - m : m) : (plane.flipX() ? width - 1 - m : m);
            for (int fixed = from; fixed <= to; fixed++) {
                for (int t = 0; t < length; t++) {
                    int along = flipAlong ? length - 1 - t : t;
                    int source = plane.axis() == PlaneAxis.ROWS ? fixed * columns + along : along * columns + fixed;
                    int target = sliceAlongY ? line * width + t : t * width + line;
                    blendMaxInto(out, target, s0, s1, source, w);
                }
            }
        }
        return found;
    }

    /** The maximum of {@code out[target]} and the value between two slices' voxels at weight w of the second. */
    private void blendMaxInto(VoxelSlice out, int target, VoxelSlice s0, VoxelSlice s1, int source, float w) {
        switch (type) {
            case INT16 -> out.shorts()[target] = (short) Math.max(out.shorts()[target],
                    Math.round(s0.shorts()[source] + (s1.shorts()[source] - s0.shorts()[source]) * w));
            case UINT16 -> {
                int a = s0.shorts()[source] & 0xFFFF;
                int b = s1.shorts()[source] & 0xFFFF;
                out.shorts()[target] = (short) Math.max(out.shorts()[target] & 0xFFFF, Math.round(a + (b - a) * w));
            }
            case FLOAT32 -> out.floats()[target] = Math.max(out.floats()[target],
                    s0.floats()[source] + (s1.floats()[source] - s0.floats()[source]) * w);
            case RGB -> out.argb()[target] = brighter(out.argb()[target], blendArgb(s0.argb()[source], s1.argb()[source], w));
        }
    }

    private static int blendArgb(int a, int b, float w) {
        int r = Math.round((a >> 16 & 0xFF) + ((b >> 16 & 0xFF) - (a >> 16 & 0xFF)) * w);
        int g = Math.round((a >> 8 & 0xFF) + ((b >> 8 & 0xFF) - (a >> 8 & 0xFF)) * w);
        int bl = Math.round((a & 0xFF) + ((b & 0xFF) - (a & 0xFF)) * w);
        return 0xFF000000 | r << 16 | g << 8 | bl;
    }

    private void maxInto(VoxelSlice out, int target, VoxelSlice s, int source) {
        switch (type) {
            case INT16 -> out.shorts()[target] = (short) Math.max(out.shorts()[target], s.shorts()[source]);
            case UINT16 -> out.shorts()[target] = (short) Math.max(out.shorts()[target] & 0xFFFF, s.shorts()[source] & 0xFFFF);
            case FLOAT32 -> out.floats()[target] = Math.max(out.floats()[target], s.floats()[source]);
            case RGB -> out.argb()[target] = brighter(out.argb()[target], s.argb()[source]);
        }
    }

    private static int brighter(int a, int b) {
        return luminance(b) > luminance(a) ? b : a;
    }

    private static int luminance(int c) {
        return 299 * (c >> 16 & 0xFF) + 587 * (c >> 8 & 0xFF) + 114 * (c & 0xFF);
    }

    /** The output image, made on first use and reused for every plane after. */
    private VoxelSlice buffer() {
        if (out == null) {
            int w = plane.width();
            int h = plane.height();
            out = switch (type) {
                case INT16, UINT16 -> VoxelSlice.ofShorts(w, h, type, new short[w * h]);
                case FLOAT32 -> VoxelSlice.ofFloats(w, h, new float[w * h]);
                case RGB -> VoxelSlice.ofArgb(w, h, new int[w * h]);
            };
        }
        return out;
    }

    private void clear(VoxelSlice out) {
        switch (type) {
            case INT16 -> Arrays.fill(out.shorts(), Short.MIN_VALUE);
            case UINT16 -> Arrays.fill(out.shorts(), (short) 0);
            case FLOAT32 -> Arrays.fill(out.floats(), -Float.MAX_VALUE);
            case RGB -> Arrays.fill(out.argb(), 0xFF000000);
        }
    }
}
