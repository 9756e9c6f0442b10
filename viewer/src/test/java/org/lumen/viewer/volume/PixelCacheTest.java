// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pixel budget evicts least-recently-used slices first and never a pinned one. */
class PixelCacheTest {

    private static VoxelSlice slice() {
        return VoxelSlice.ofShorts(10, 10, VoxelType.INT16, new short[100]); // 200 bytes
    }

    @Test
    void evictsTheLeastRecentlyUsedSliceWhenOverBudget() {
        PixelCache cache = new PixelCache(600);
        cache.put(new SliceKey(1, 0), slice());
        cache.put(new SliceKey(1, 1), slice());
        cache.put(new SliceKey(1, 2), slice());
        cache.get(new SliceKey(1, 0)); // now slice 1 is the eldest
        cache.put(new SliceKey(1, 3), slice());
        assertThat(cache.get(new SliceKey(1, 1))).isNull();
        assertThat(cache.get(new SliceKey(1, 0))).isNotNull();
        assertThat(cache.usedBytes()).isEqualTo(600);
        assertThat(cache.evictions()).isEqualTo(1);
    }

    @Test
    void pinnedSlicesStayEvenOverBudgetAndGoWhenUnpinned() {
        PixelCache cache = new PixelCache(200);
        SliceKey onScreen = new SliceKey(7, 0);
        cache.put(onScreen, slice());
        try (PixelCache.Pin pin = cache.pin(onScreen)) {
            cache.put(new SliceKey(7, 1), slice());
            assertThat(cache.get(onScreen)).isNotNull();
            assertThat(cache.get(new SliceKey(7, 1))).isNull();
        }
        cache.put(new SliceKey(7, 2), slice());
        assertThat(cache.get(onScreen)).isNull();
        assertThat(cache.usedBytes()).isLessThanOrEqualTo(200);
    }

    @Test
    void closingAVolumeFreesItsSlices() {
        PixelCache cache = new PixelCache(10_000);
        cache.put(new SliceKey(1, 0), slice());
        cache.put(new SliceKey(2, 0), slice());
        cache.evictVolume(1);
        assertThat(cache.get(new SliceKey(1, 0))).isNull();
        assertThat(cache.get(new SliceKey(2, 0))).isNotNull();
        assertThat(cache.usedBytes()).isEqualTo(200);
    }
}
