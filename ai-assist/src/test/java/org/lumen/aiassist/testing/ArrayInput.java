// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.testing;

import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.grid.SeriesInput;

/** A series from a float array on any grid, for pipeline tests with known values. */
public final class ArrayInput implements SeriesInput {

    private final String uid;
    private final Grid grid;
    private final float[] values;
    private final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

    public ArrayInput(String uid, Grid grid, float[] values) {
        this.uid = uid;
        this.grid = grid;
        this.values = values;
    }

    /** A series whose voxel (i, j, k) holds f(i, j, k). */
    public static ArrayInput of(String uid, Grid grid, VoxelFunction f) {
        float[] v = new float[grid.arrayLength()];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    v[grid.index(i, j, k)] = f.at(i, j, k);
                }
            }
        }
        return new ArrayInput(uid, grid, v);
    }

    /** The value at voxel (i, j, k). */
    @FunctionalInterface
    public interface VoxelFunction {
        float at(int i, int j, int k);
    }

    public float[] values() { return values; }

    /** How many slices were read. */
    public int reads() { return reads.get(); }

    @Override public String seriesUid() { return uid; }

    @Override public String modality() { return "CT"; }

    @Override public Grid grid() { return grid; }

    @Override
    public void readSlice(int k, float[] into) {
        reads.incrementAndGet();
        int n = grid.nx() * grid.ny();
        System.arraycopy(values, k * n, into, 0, n);
    }
}
