// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.util.Arrays;

/** Per-frame durations in nanoseconds, summarised as median, p99 and frames per second. */
record FrameTimes(long[] nanos) {

    double medianMs() { return percentileMs(50); }

    double p99Ms() { return percentileMs(99); }

    double maxMs() { return Arrays.stream(nanos).max().orElse(0) / 1e6; }

    double meanMs() { return Arrays.stream(nanos).average().orElse(0) / 1e6; }

    /** Frames per second at the median frame time. */
    double framesPerSecond() { return 1000 / medianMs(); }

    /** The nearest-rank percentile (p in 0..100). */
    double percentileMs(double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }
}
