// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Objects;
import java.util.SplittableRandom;
import org.lumen.viewer.dicom.PixelEncoding;
import org.lumen.viewer.geometry.Vec3;

/**
 * Samples a {@link VoxelModel} at the voxel centres of one slice of a grid, adding optional seeded
 * Gaussian noise (white, or correlated in-plane like a reconstruction kernel's: white noise blurred by a
 * Gaussian and scaled back to the same standard deviation), and clips to what the pixel encoding can store. Each slice's noise depends only
 * on the seed and the slice index, so slices can be rendered in any order, on any thread.
 */
final class SliceRenderer {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final VoxelModel model;
    private final VoxelGrid grid;
    private final double noiseSigma;
    private final int supersample;
    private final long noiseSeed;
    private final int minValue;
    private final int maxValue;
    private final double[] kernel;

    SliceRenderer(VoxelModel model, VoxelGrid grid, PixelEncoding encoding, double noiseSigma, long noiseSeed) {
        this(model, grid, encoding, noiseSigma, noiseSeed, 0);
    }

    /** @param correlationPixels σ of the Gaussian that correlates the noise, in pixels; 0 for white noise */
    SliceRenderer(VoxelModel model, VoxelGrid grid, PixelEncoding encoding, double noiseSigma, long noiseSeed, double correlationPixels) {
        this(model, grid, encoding, noiseSigma, noiseSeed, correlationPixels, 1);
    }

    /**
     * @param supersample sub-samples per voxel edge: above 1, each voxel's value is the mean of supersample³ points spread
     *                    evenly through it (partial volume: a voxel across an edge takes the mix of both sides), its label
     *                    still the one at its centre; 1 samples the centre only
     */
    SliceRenderer(VoxelModel model, VoxelGrid grid, PixelEncoding encoding, double noiseSigma, long noiseSeed, double correlationPixels,
                  int supersample) {
        this.model = Objects.requireNonNull(model, "model");
        this.grid = Objects.requireNonNull(grid, "grid");
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException("noise sigma must be zero or positive, was " + noiseSigma);
        }
        this.noiseSigma = noiseSigma;
        if (supersample < 1) {
            throw new IllegalArgumentException("sub-samples per voxel edge must be at least 1, was " + supersample);
        }
        this.supersample = supersample;
        this.noiseSeed = noiseSeed;
        double a = encoding.rescaleIntercept() + encoding.rescaleSlope() * encoding.minStoredValue();
        double b = encoding.rescaleIntercept() + encoding.rescaleSlope() * encoding.maxStoredValue();
        this.minValue = Math.max(Short.MIN_VALUE, (int) Math.ceil(Math.min(a, b)));
        this.maxValue = Math.min(Short.MAX_VALUE, (int) Math.floor(Math.max(a, b)));
        this.kernel = correlationPixels > 0 ? gaussian(correlationPixels) : null;
    }

    /** A normalised 1D Gaussian of σ {@code sigma} pixels, out to 3σ. */
    private static double[] gaussian(double sigma) {
        int half = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] w = new double[2 * half + 1];
        double sum = 0;
        for (int i = -half; i <= half; i++) {
            w[i + half] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += w[i + half];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * One slice of correlated noise of unit standard deviation: white noise blurred along rows and columns; a
     * separable blur scales the deviation by the sum of the squared weights in each direction, which is undone.
     */
    private double[] correlatedNoise(SplittableRandom noise, int columns, int rows) {
        int half = kernel.length / 2;
        double[] white = new double[columns * rows];
        for (int n = 0; n < white.length; n++) {
            white[n] = noise.nextGaussian();
        }
        double[] across = new double[white.length];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                double v = 0;
                for (int t = -half; t <= half; t++) {
                    int ii = Math.clamp(i + t, 0, columns - 1);
                    v += kernel[t + half] * white[j * columns + ii];
                }
                across[j * columns + i] = v;
            }
        }
        double squares = 0;
        for (double w : kernel) {
            squares += w * w;
        }
        double scale = 1 / squares;
        double[] out = new double[white.length];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                double v = 0;
                for (int t = -half; t <= half; t++) {
                    int jj = Math.clamp(j + t, 0, rows - 1);
                    v += kernel[t + half] * across[jj * columns + i];
                }
                out[j * columns + i] = v * scale;
            }
        }
        return out;
    }

    VoxelGrid grid() { return grid; }

    /** The mean value of supersample³ points spread evenly through the voxel centred at (x, y, z). */
    private int mixed(double x, double y, double z, Vec3 di, Vec3 dj, Vec3 dk, int[] valueOfLabel, boolean spatial) {
        double sum = 0;
        int n = supersample;
        for (int c = 0; c < n; c++) {
            double fc = (c + 0.5) / n - 0.5;
            for (int b = 0; b < n; b++) {
                double fb = (b + 0.5) / n - 0.5;
                for (int a = 0; a < n; a++) {
                    double fa = (a + 0.5) / n - 0.5;
                    double sx = x + fa * di.x() + fb * dj.x() + fc * dk.x();
                    double sy = y + fa * di.y() + fb * dj.y() + fc * dk.y();
                    double sz = z + fa * di.z() + fb * dj.z() + fc * dk.z();
                    int label = model.labelAt(sx, sy, sz);
                    sum += spatial ? model.valueAt(label, sx, sy, sz) : valueOfLabel[label];
                }
            }
        }
        return (int) Math.round(sum / (n * n * n));
    }

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
        Vec3 dk = grid.sliceStep();
        int[] valueOfLabel = new int[256];
        for (int label = 0; label < 256; label++) {
            valueOfLabel[label] = model.valueOf(label);
        }
        boolean spatial = model.spatialValues();
        SplittableRandom noise = noiseSigma > 0 ? new SplittableRandom(noiseSeed + GOLDEN_GAMMA * (k + 1)) : null;
        double[] field = noise != null && kernel != null ? correlatedNoise(noise, columns, rows) : null;
        int n = 0;
        for (int j = 0; j < rows; j++) {
            double x = first.x() + j * dj.x();
            double y = first.y() + j * dj.y();
            double z = first.z() + j * dj.z();
            for (int i = 0; i < columns; i++, n++) {
                double px = x + i * di.x();
                double py = y + i * di.y();
                double pz = z + i * di.z();
                int label = model.labelAt(px, py, pz);
                int value = supersample > 1 ? mixed(px, py, pz, di, dj, dk, valueOfLabel, spatial)
                        : spatial ? model.valueAt(label, px, py, pz) : valueOfLabel[label];
                if (field != null) {
                    value += (int) Math.round(field[n] * noiseSigma);
                } else if (noise != null) {
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
