// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Objects;
import java.util.SplittableRandom;
import org.lumen.viewer.dicom.PixelEncoding;
import org.lumen.viewer.geometry.Vec3;

/**
 * Samples a {@link VoxelModel} at the voxel centres of one slice of a grid, adding optional seeded
 * Gaussian noise, and clips to what the pixel encoding can store. Each slice's noise depends only
 * on the seed and the slice index, so slices can be rendered in any order, on any thread.
 */
final class SliceRenderer {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final VoxelModel model;
    private final VoxelGrid grid;
    private final double noiseSigma;
    private final long noiseSeed;
    private final int minValue;
    private final int maxValue;

    SliceRenderer(VoxelModel model, VoxelGrid grid, PixelEncoding encoding, double noiseSigma, long noiseSeed) {
        this.model = Objects.requireNonNull(model, "model");
        this.grid = Objects.requireNonNull(grid, "grid");
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException("noise sigma must be zero or positive, was " + noiseSigma);
        }
        this.noiseSigma = noiseSigma;
        this.noiseSeed = noiseSeed;
        double a = encoding.rescaleIntercept() + encoding.rescaleSlope() * encoding.minStoredValue();
        double b = encoding.rescaleIntercept() + encoding.rescaleSlope() * encoding.maxStoredValue();
        this.minValue = Math.max(Short.MIN_VALUE, (int) Math.ceil(Math.min(a, b)));
        this.maxValue = Math.min(Short.MAX_VALUE, (int) Math.floor(Math.max(a, b)));
    }

    VoxelGrid grid() { return grid; }

    /**
     * Renders slice {@code k}: modality values (HU for CT) into {@code values}, labels into
     * {@code labels} from {@code labelOffset} (labels may be null).
     */
    void render(int k, short[] values, byte[] labels, int labelOffset) {
        int columns = grid.size().columns();
        int rows = grid.size().rows();
        Vec3 first = grid.slicePosition(k);
        Vec3 di = grid.columnStep();
        Vec3 dj = grid.rowStep();
        int[] valueOfLabel = new int[256];
        for (int label = 0; label < 256; label++) {
            valueOfLabel[label] = model.valueOf(label);
        }
        SplittableRandom noise = noiseSigma > 0 ? new SplittableRandom(noiseSeed + GOLDEN_GAMMA * (k + 1)) : null;
        int n = 0;
        for (int j = 0; j < rows; j++) {
            double x = first.x() + j * dj.x();
            double y = first.y() + j * dj.y();
            double z = first.z() + j * dj.z();
            for (int i = 0; i < columns; i++, n++) {
                int label = model.labelAt(x + i * di.x(), y + i * di.y(), z + i * di.z());
                int value = valueOfLabel[label];
                if (noise != null) {
                    value += (int) Math.round(noise.nextGaussian() * noiseSigma);
                }
                values[n] = (short) Math.clamp(value, minValue, maxValue);
                if (labels != null) {
                    labels[labelOffset + n] = (byte) label;
                }
            }
        }
    }
}
