// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import java.util.Arrays;
import java.util.List;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/**
 * What the values of some slices span, from an even sample of them: the 0.5th and 99.5th
 * percentiles and the extremes, with padding left out. Padding (the air outside a CT's field of
 * view, a radiograph's collimated border) is an extreme value that a large share of the pixels
 * hold exactly; PixelPaddingValue is not read, so it is found this way.
 */
public final class ValueStatistics {

    /** Samples taken over all slices: enough for percentiles, cheap next to a repaint. */
    static final int SAMPLES = 1 << 14;
    /** An extreme value held by at least this share of the samples is padding. */
    private static final double PADDING_SHARE = 0.02;

    private final double[] sorted;

    private ValueStatistics(double[] sorted) {
        this.sorted = sorted;
    }

    public static ValueStatistics of(VoxelSlice slice) {
        return of(List.of(slice));
    }

    /** Statistics of {@code slices} (at least one), each sampled evenly. */
    public static ValueStatistics of(List<VoxelSlice> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("no slices to measure");
        }
        int perSlice = Math.max(1, SAMPLES / slices.size());
        double[] values = new double[perSlice * slices.size()];
        int count = 0;
        for (VoxelSlice slice : slices) {
            int n = slice.columns() * slice.rows();
            int step = Math.max(1, n / perSlice);
            for (int index = 0, taken = 0; index < n && taken < perSlice; index += step, taken++) {
                values[count++] = valueAt(slice, index);
            }
        }
        sort(values, count, slices);
        return new ValueStatistics(withoutPadding(values, count));
    }

    private static double valueAt(VoxelSlice slice, int index) {
        return switch (slice.type()) {
            case INT16 -> slice.shorts()[index];
            case UINT16 -> slice.shorts()[index] & 0xFFFF;
            case FLOAT32 -> slice.floats()[index];
            case RGB -> slice.value(index % slice.columns(), index / slice.columns());
        };
    }

    /** Sorts the first {@code count} values: by counting for 16-bit integer slices (a tenth of a sort's time), else by sorting. */
    private static void sort(double[] values, int count, List<VoxelSlice> slices) {
        VoxelType type = slices.getFirst().type();
        if (type != VoxelType.INT16 && type != VoxelType.UINT16 || slices.stream().anyMatch(s -> s.type() != type)) {
            Arrays.sort(values, 0, count);
            return;
        }
        int offset = type == VoxelType.INT16 ? 32768 : 0;
        int[] counts = new int[65536];
        for (int i = 0; i < count; i++) {
            counts[(int) values[i] + offset]++;
        }
        int next = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            for (int c = counts[bin]; c > 0; c--) {
                values[next++] = bin - offset;
            }
        }
    }

    private static double[] withoutPadding(double[] values, int count) {
        int from = 0;
        int to = count;
        int keep = Math.max(1, count / 100); // a mask or a two-valued image is not all padding
        int low = run(values, 0, count, values[0]);
        if (low >= PADDING_SHARE * count && count - low >= keep) {
            from = low;
        }
        int high = run(values, from, to, values[to - 1]);
        if (high >= PADDING_SHARE * count && to - from - high >= keep) {
            to -= high;
        }
        return Arrays.copyOfRange(values, from, to);
    }

    /** How many of the sorted values[from, to) equal {@code v} (v is the first or the last of them). */
    private static int run(double[] values, int from, int to, double v) {
        int first = Arrays.binarySearch(values, from, to, Math.nextDown(v));
        int last = Arrays.binarySearch(values, from, to, Math.nextUp(v));
        return (last < 0 ? -last - 1 : last) - (first < 0 ? -first - 1 : first + 1);
    }

    /** The value below which a share {@code p} (0..1) of the non-padding values lie. */
    public double percentile(double p) {
        return sorted[Math.clamp((long) (p * sorted.length), 0, sorted.length - 1)];
    }

    /** The 0.5th percentile. */
    public double low() { return percentile(0.005); }

    /** The 99.5th percentile. */
    public double high() { return percentile(0.995); }

    public double min() { return sorted[0]; }

    public double max() { return sorted[sorted.length - 1]; }

    /** The robust span of the values (99.5th minus 0.5th percentile), at least 1. */
    public double span() { return Math.max(1, high() - low()); }

    /**
     * The span of real values (a parametric map's, e.g. diffusion near 0.001 mm2/s) without the one-unit minimum: the
     * robust span, else the full one where the percentiles coincide; 0 only when every value is the same.
     */
    public double realSpan() {
        double robust = high() - low();
        return robust > 0 ? robust : max() - min();
    }

    /** The share (0..1) of the non-padding values that lie in [lower, upper]. */
    public double shareWithin(double lower, double upper) {
        int a = Arrays.binarySearch(sorted, Math.nextDown(lower));
        int b = Arrays.binarySearch(sorted, Math.nextUp(upper));
        int from = a < 0 ? -a - 1 : a + 1;
        int to = b < 0 ? -b - 1 : b;
        return Math.max(0, to - from) / (double) sorted.length;
    }
}
