// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.lumen.viewer.dicom.UnusableFileException;

/**
 * A series as a stack of voxel slices with its geometry. Pixels live in the shared
 * {@link PixelCache}; a slice that is not there (not loaded yet, or evicted) is decoded on demand.
 */
public final class Volume implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final StackPlan plan;
    private final VoxelType type;
    private final PixelCache cache;
    private final SliceDecoder decoder;
    /** Whether decoded slices go through the map's Real World Value Mapping ({@link RealWorldSlices}). */
    private final boolean realWorld;
    private final AtomicLongArray everLoaded;
    private final AtomicInteger loadedCount = new AtomicInteger();
    private final Map<Integer, String> failures = new ConcurrentHashMap<>();
    private final List<SliceListener> listeners = new CopyOnWriteArrayList<>();
    /** One key per slice, made once: looking a slice up while scrolling allocates nothing. */
    private final SliceKey[] keys;
    /** Set by {@link #close}: a decode that finishes afterwards must not put pixels back into the cache. */
    private volatile boolean closed;

    Volume(StackPlan plan, VoxelType type, PixelCache cache, SliceDecoder decoder, boolean realWorld) {
        this.plan = plan;
        this.realWorld = realWorld;
        this.type = type;
        this.cache = cache;
        this.decoder = decoder;
        this.everLoaded = new AtomicLongArray((plan.sliceCount() + 63) / 64);
        this.keys = new SliceKey[plan.sliceCount()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = new SliceKey(id, k);
        }
    }

    public long id() { return id; }

    public StackPlan plan() { return plan; }

    public VolumeGeometry geometry() { return plan.geometry(); }

    public VoxelType voxelType() { return type; }

    /**
     * Whether the values are a parametric map's real-world values (Real World Value Mapping applied, ADR 0039),
     * so windows and readouts are in the mapping's units rather than modality units.
     */
    public boolean holdsRealWorldValues() { return realWorld; }

    public int sliceCount() { return plan.sliceCount(); }

    public FrameRef frame(int slice) { return plan.frames().get(slice); }

    /** The slice, decoding it now if it is not in memory. */
    public VoxelSlice slice(int k) throws UnusableFileException {
        VoxelSlice slice = cache.get(keys[k]);
        if (slice != null) {
            return slice;
        }
        try {
            slice = mapped(frame(k), decoder.decode(frame(k)));
        } catch (UnusableFileException e) {
            failed(k, e.getMessage());
            throw e;
        }
        publish(k, slice);
        return slice;
    }

    /** The slice if it is in memory now, without decoding. */
    public Optional<VoxelSlice> sliceIfPresent(int k) {
        return Optional.ofNullable(cache.get(keys[k]));
    }

    /** The slice if it is in memory now, else null: the allocation-free lookup for per-frame code. */
    public VoxelSlice sliceOrNull(int k) {
        return cache.get(keys[k]);
    }

    /** The modality value (HU for CT) of voxel (i, j, k). */
    public double value(int i, int j, int k) throws UnusableFileException {
        return slice(k).value(i, j);
    }

    /** Keeps slice {@code k} in memory while it is on screen. */
    public PixelCache.Pin pin(int k) {
        return cache.pin(keys[k]);
    }

    public void addListener(SliceListener listener) { listeners.add(listener); }

    public void removeListener(SliceListener listener) { listeners.remove(listener); }

    /** How many slices have been decoded at least once. */
    public int loadedCount() { return loadedCount.get(); }

    public boolean isLoaded(int k) {
        return (everLoaded.get(k >> 6) & (1L << (k & 63))) != 0;
    }

    /** The bytes all slices take in memory. */
    public long pixelBytes() {
        VolumeGeometry g = geometry();
        return (long) g.columns() * g.rows() * type.bytesPerVoxel() * sliceCount();
    }

    /** The budget of the pixel cache this volume lives in. */
    public long pixelBudgetBytes() {
        return cache.budgetBytes();
    }

    /** Whether every slice fits in the pixel budget at once (what a reformat needs to stay in memory). */
    public boolean fitsInPixelBudget() {
        return pixelBytes() <= cache.budgetBytes();
    }

    /** Slices that could not be decoded, with the reason. */
    public Map<Integer, String> failures() { return Map.copyOf(failures); }

    void publish(int k, VoxelSlice slice) {
        if (closed) {
            return;
        }
        cache.put(keys[k], slice);
        long bit = 1L << (k & 63);
        long before = everLoaded.getAndAccumulate(k >> 6, bit, (a, b) -> a | b);
        if ((before & bit) == 0) {
            loadedCount.incrementAndGet();
        }
        listeners.forEach(l -> l.sliceLoaded(this, k));
    }

    void failed(int k, String reason) {
        failures.put(k, reason);
        listeners.forEach(l -> l.sliceFailed(this, k, reason));
    }

    SliceDecoder decoder() { return decoder; }

    /** A freshly decoded slice as this volume holds it: in real-world values for a map. */
    VoxelSlice mapped(FrameRef ref, VoxelSlice decoded) throws UnusableFileException {
        return realWorld ? RealWorldSlices.apply(ref, decoded) : decoded;
    }

    /** Frees this volume's pixels from the cache. */
    @Override
    public void close() {
        closed = true;
        cache.evictVolume(id);
    }
}
