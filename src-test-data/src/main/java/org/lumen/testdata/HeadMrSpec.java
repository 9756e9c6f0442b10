// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * What T1-like head MR phantom to make. Build one with {@link #builder()}; unset values take the
 * defaults documented on the builder's methods.
 *
 * @param pixelSpacingMm square pixels: mm between adjacent rows and between adjacent columns
 * @param origin         ImagePositionPatient of the first slice (LPS, mm)
 * @param noiseSigma     standard deviation of seeded Gaussian noise in signal units; 0 for none
 */
public record HeadMrSpec(long seed, Size size, double pixelSpacingMm, double sliceSpacingMm, double sliceThicknessMm,
                         SliceOrientation orientation, Vec3 origin, double noiseSigma) {

    public HeadMrSpec {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(origin, "origin");
        requirePositive("pixel spacing", pixelSpacingMm);
        requirePositive("slice spacing", sliceSpacingMm);
        requirePositive("slice thickness", sliceThicknessMm);
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException("noise sigma must be zero or positive, was " + noiseSigma);
        }
    }

    /** The default phantom: 256x256x60 sagittal, 1 mm pixels, 3 mm slices, seed 42, no noise. */
    public static HeadMrSpec defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The voxel grid this spec describes. */
    public VoxelGrid grid() {
        return new VoxelGrid(size, pixelSpacingMm, pixelSpacingMm, sliceSpacingMm, orientation, origin);
    }

    private static void requirePositive(String what, double mm) {
        if (!(mm > 0) || Double.isInfinite(mm)) {
            throw new IllegalArgumentException(what + " must be a positive number of mm, was " + mm);
        }
    }

    /** Collects a {@link HeadMrSpec}; every setter is optional. */
    public static final class Builder {

        private long seed = 42;
        private Size size = Size.of(256, 256, 60);
        private double pixelSpacingMm = 1;
        private double sliceSpacingMm = 3;
        private double sliceThicknessMm = Double.NaN;
        private SliceOrientation orientation = SliceOrientation.SAGITTAL;
        private Vec3 origin;
        private double noiseSigma;

        private Builder() { }

        /** Seed for the noise (default 42). */
        public Builder seed(long seed) { this.seed = seed; return this; }

        /** Columns × rows × slices (default 256x256x60). */
        public Builder size(Size size) { this.size = Objects.requireNonNull(size, "size"); return this; }

        /** Pixel spacing (default 1 mm). */
        public Builder pixelSpacingMm(double mm) { this.pixelSpacingMm = mm; return this; }

        /** Distance between slice centres (default 3 mm). */
        public Builder sliceSpacingMm(double mm) { this.sliceSpacingMm = mm; return this; }

        /** Nominal slice thickness (default: the slice spacing). */
        public Builder sliceThicknessMm(double mm) { this.sliceThicknessMm = mm; return this; }

        /** Slice orientation (default sagittal). */
        public Builder orientation(SliceOrientation orientation) {
            this.orientation = Objects.requireNonNull(orientation, "orientation");
            return this;
        }

        /** Position of the first voxel (default: the grid is centred on the patient-space origin). */
        public Builder origin(Vec3 origin) { this.origin = origin; return this; }

        /** Standard deviation of seeded Gaussian noise (default 0: none). */
        public Builder noiseSigma(double sigma) { this.noiseSigma = sigma; return this; }

        public HeadMrSpec build() {
            double thickness = Double.isNaN(sliceThicknessMm) ? sliceSpacingMm : sliceThicknessMm;
            Vec3 first = origin;
            if (first == null) {
                first = VoxelGrid.centredOn(Vec3.ZERO, size, pixelSpacingMm, pixelSpacingMm, sliceSpacingMm, orientation)
                        .origin();
            }
            return new HeadMrSpec(seed, size, pixelSpacingMm, sliceSpacingMm, thickness, orientation, first, noiseSigma);
        }
    }
}
