// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one pixel-memory budget for every open volume: slices are kept least-recently-used first out,
 * except pinned ones (on screen), which are never evicted. An evicted slice is reloaded from its
 * source the next time it is asked for.
 */
public final class PixelCache {

    /** Share of the maximum heap that decoded pixels may use by default. */
    public static final double DEFAULT_HEAP_SHARE = 0.6;

    private final long budgetBytes;
    private final LinkedHashMap<SliceKey, VoxelSlice> slices = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<SliceKey, Integer> pins = new HashMap<>();
    private long usedBytes;
    private long peakBytes;
    private long evictions;

    public PixelCache(long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("pixel budget must be positive, was " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    /** A cache with {@link #DEFAULT_HEAP_SHARE} of the maximum heap. */
    public static PixelCache withDefaultBudget() {
        return new PixelCache((long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE));
    }

    public synchronized VoxelSlice get(SliceKey key) {
        return slices.get(key);
    }

    public synchronized void put(SliceKey key, VoxelSlice slice) {
        VoxelSlice previous = slices.put(key, slice);
        if (previous != null) {
            usedBytes -= previous.bytes();
        }
        usedBytes += slice.bytes();
        evictUntilWithinBudget();
        peakBytes = Math.max(peakBytes, usedBytes);
    }

    /** Keeps the slice in memory until the returned pin is closed; pins nest. */
    public synchronized Pin pin(SliceKey key) {
        pins.merge(key, 1, Integer::sum);
        return new Pin(this, key);
    }

    synchronized void unpin(SliceKey key) {
        pins.computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null);
        evictUntilWithinBudget();
    }

    /** Drops every slice of one volume (when it is closed). */
    public synchronized void evictVolume(long volumeId) {
        Iterator<Map.Entry<SliceKey, VoxelSlice>> it = slices.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<SliceKey, VoxelSlice> e = it.next();
            if (e.getKey().volumeId() == volumeId) {
                usedBytes -= e.getValue().bytes();
                it.remove();
            }
        }
        pins.keySet().removeIf(k -> k.volumeId() == volumeId);
    }

    private void evictUntilWithinBudget() {
        Iterator<Map.Entry<SliceKey, VoxelSlice>> it = slices.entrySet().iterator();
        while (usedBytes > budgetBytes && it.hasNext()) {
            Map.Entry<SliceKey, VoxelSlice> eldest = it.next();
            if (!pins.containsKey(eldest.getKey())) {
                usedBytes -= eldest.getValue().bytes();
                it.remove();
                evictions++;
            }
        }
    }

    public long budgetBytes() { return budgetBytes; }

    public synchronized long usedBytes() { return usedBytes; }

    public synchronized long peakBytes() { return peakBytes; }

    public synchronized long evictions() { return evictions; }

    /** A slice kept in memory while on screen. */
    public static final class Pin implements AutoCloseable {
        private final PixelCache cache;
        private final SliceKey key;
        private boolean closed;

        private Pin(PixelCache cache, SliceKey key) {
            this.cache = cache;
            this.key = key;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                cache.unpin(key);
            }
        }
    }
}
