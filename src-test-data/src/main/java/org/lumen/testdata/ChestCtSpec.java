// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * What chest CT phantom to make: grid, seed, nodules and noise. Build one with {@link #builder()};
 * unset values take the defaults documented on the builder's methods.
 *
 * @param pixelSpacingMm   square pixels: mm between adjacent rows and between adjacent columns
 * @param origin           ImagePositionPatient of the first slice (LPS, mm)
 * @param noiseSigmaHu     standard deviation of the seeded Gaussian noise added to every voxel; 0 for none
 * @param vessels          a branching pulmonary vessel tree in each lung, tapering from the hilum (vessels seen
 *                         end-on are a detector's classic false positive); off by default
 * @param noiseCorrelationMm the noise's in-plane correlation length (the σ of the Gaussian a soft reconstruction
 *                         kernel amounts to); 0 for white noise
 * @param noduleTypes      nodules of the kinds radiologists report, in turn by id: solid, part-solid, ground-glass,
 *                         juxtapleural, juxtavascular ({@link NoduleType}; juxtavascular needs {@code vessels}, else it
 *                         is solid); off by default, when every nodule is a uniform sphere as before
 * @param airways          the airway tree: trachea, main bronchi and branching bronchi in each lung, air (−1000 HU)
 *                         inside a soft-tissue wall; off by default
 * @param texturedBone     bone as it images: a dense cortical shell (1000 HU, the bone's outer millimetre) around
 *                         trabecular bone whose density varies over a few millimetres (about 100–400 HU); off by
 *                         default, when bone is a uniform 700 HU
 * @param partialVolume    each voxel the mean of {@value #PARTIAL_VOLUME_SAMPLES}³ points through it, so edges blur as a
 *                         scanner's finite voxels blur them (labels stay the centre's); off by default
 */
public record ChestCtSpec(long seed, Size size, double pixelSpacingMm, double sliceSpacingMm, double sliceThicknessMm,
                          SliceOrientation orientation, Vec3 origin, int noduleCount, double noduleMinDiameterMm,
                          double noduleMaxDiameterMm, int noduleMinHu, int noduleMaxHu, double noiseSigmaHu, boolean vessels,
                          double noiseCorrelationMm, boolean noduleTypes, boolean airways, boolean texturedBone,
                          boolean partialVolume) {

    /** Nodule labels are 10 + id and must fit in a byte. */
    public static final int MAX_NODULES = 245;
    /** Sub-samples per voxel edge with partial volume. */
    public static final int PARTIAL_VOLUME_SAMPLES = 3;
    /** Default transverse field of view, from which the default pixel spacing follows. */
    public static final double DEFAULT_FIELD_OF_VIEW_MM = 360;

    public ChestCtSpec {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(origin, "origin");
        requirePositive("pixel spacing", pixelSpacingMm);
        requirePositive("slice spacing", sliceSpacingMm);
        requirePositive("slice thickness", sliceThicknessMm);
        if (noduleCount < 0 || noduleCount > MAX_NODULES) {
            throw new IllegalArgumentException("nodule count must be between 0 and " + MAX_NODULES + ", was " + noduleCount);
        }
        requirePositive("smallest nodule diameter", noduleMinDiameterMm);
        if (!(noduleMaxDiameterMm >= noduleMinDiameterMm) || Double.isInfinite(noduleMaxDiameterMm)) {
            throw new IllegalArgumentException("largest nodule diameter (" + noduleMaxDiameterMm
                    + " mm) must be finite and at least the smallest (" + noduleMinDiameterMm + " mm)");
        }
        if (noduleMinHu > noduleMaxHu || noduleMinHu < ChestAnatomy.MIN_HU || noduleMaxHu > ChestAnatomy.MAX_HU) {
            throw new IllegalArgumentException("nodule HU range must be ordered and within " + ChestAnatomy.MIN_HU + ".."
                    + ChestAnatomy.MAX_HU + ", was " + noduleMinHu + ".." + noduleMaxHu);
        }
        if (!(noiseSigmaHu >= 0) || Double.isInfinite(noiseSigmaHu)) {
            throw new IllegalArgumentException("noise sigma must be zero or a positive number of HU, was " + noiseSigmaHu);
        }
        if (!(noiseCorrelationMm >= 0) || Double.isInfinite(noiseCorrelationMm)) {
            throw new IllegalArgumentException("noise correlation must be zero or a positive number of mm, was " + noiseCorrelationMm);
        }
    }

    /**
     * The record's own form, with {@code noduleTypes}, {@code airways}, {@code texturedBone} and {@code partialVolume} named
     * only when on: the phantom's UIDs
     * derive from this string, so phantoms without them keep the UIDs they had before the options existed.
     */
    @Override
    public String toString() {
        return "ChestCtSpec[seed=" + seed + ", size=" + size + ", pixelSpacingMm=" + pixelSpacingMm + ", sliceSpacingMm=" + sliceSpacingMm
                + ", sliceThicknessMm=" + sliceThicknessMm + ", orientation=" + orientation + ", origin=" + origin + ", noduleCount="
                + noduleCount + ", noduleMinDiameterMm=" + noduleMinDiameterMm + ", noduleMaxDiameterMm=" + noduleMaxDiameterMm
                + ", noduleMinHu=" + noduleMinHu + ", noduleMaxHu=" + noduleMaxHu + ", noiseSigmaHu=" + noiseSigmaHu + ", vessels="
                + vessels + ", noiseCorrelationMm=" + noiseCorrelationMm + (noduleTypes ? ", noduleTypes=true" : "")
                + (airways ? ", airways=true" : "") + (texturedBone ? ", texturedBone=true" : "") + (partialVolume ? ", partialVolume=true" : "") + "]";
    }

    /** The default phantom: 512x512x300, 360 mm field of view, 1 mm slices, axial, 5 nodules, seed 42, no noise. */
    public static ChestCtSpec defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset for a small multi-frame phantom: 128x128x40, 5 mm slices, 3 nodules. */
    public static Builder multiFrameBuilder() {
        return new Builder().size(Size.of(128, 128, 40)).sliceSpacingMm(5).noduleCount(3);
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

    /** Collects a {@link ChestCtSpec}; every setter is optional. */
    public static final class Builder {

        private long seed = 42;
        private Size size = Size.of(512, 512, 300);
        private double pixelSpacingMm = Double.NaN;
        private double sliceSpacingMm = 1;
        private double sliceThicknessMm = Double.NaN;
        private SliceOrientation orientation = SliceOrientation.AXIAL;
        private Vec3 origin;
        private int noduleCount = 5;
        private double noduleMinDiameterMm = Double.NaN;
        private double noduleMaxDiameterMm = Double.NaN;
        private int noduleMinHu = 30;
        private int noduleMaxHu = 100;
        private double noiseSigmaHu;
        private boolean vessels;
        private boolean noduleTypes;
        private boolean partialVolume;
        private boolean texturedBone;
        private boolean airways;
        private double noiseCorrelationMm;

        private Builder() { }

        /** Seed for nodule placement and noise (default 42). */
        public Builder seed(long seed) { this.seed = seed; return this; }

        /** Columns × rows × slices (default 512x512x300). */
        public Builder size(Size size) { this.size = Objects.requireNonNull(size, "size"); return this; }

        /** Pixel spacing (default: 360 mm field of view over the larger of columns and rows). */
        public Builder pixelSpacingMm(double mm) { this.pixelSpacingMm = mm; return this; }

        /** Distance between slice centres (default 1 mm). */
        public Builder sliceSpacingMm(double mm) { this.sliceSpacingMm = mm; return this; }

        /** Nominal slice thickness (default: the slice spacing). */
        public Builder sliceThicknessMm(double mm) { this.sliceThicknessMm = mm; return this; }

        /** Slice orientation (default axial). */
        public Builder orientation(SliceOrientation orientation) {
            this.orientation = Objects.requireNonNull(orientation, "orientation");
            return this;
        }

        /** Position of the first voxel (default: the grid is centred on the patient-space origin). */
        public Builder origin(Vec3 origin) { this.origin = origin; return this; }

        /** Number of nodules placed in the lungs (default 5). */
        public Builder noduleCount(int count) { this.noduleCount = count; return this; }

        /**
         * Nodule diameter range (default: from max(5 mm, 2 voxels) to twice that, so that every nodule
         * spans at least two voxels along every axis whatever the grid).
         */
        public Builder noduleDiameterMm(double min, double max) {
            this.noduleMinDiameterMm = min;
            this.noduleMaxDiameterMm = max;
            return this;
        }

        /** Nodule density range in HU, inclusive (default 30..100). */
        public Builder noduleHu(int min, int max) {
            this.noduleMinHu = min;
            this.noduleMaxHu = max;
            return this;
        }

        /** Standard deviation of seeded Gaussian noise in HU (default 0: none). */
        public Builder noiseSigmaHu(double sigma) { this.noiseSigmaHu = sigma; return this; }

        /** A pulmonary vessel tree in each lung (default: none). */
        public Builder vessels(boolean grow) { this.vessels = grow; return this; }

        /** Nodules of every kind in turn (solid, part-solid, ground-glass, juxtapleural, juxtavascular); default off. */
        public Builder noduleTypes(boolean types) { this.noduleTypes = types; return this; }

        /** The airway tree (trachea, bronchi); default off. */
        public Builder airways(boolean grow) { this.airways = grow; return this; }

        /** Bone with a cortical shell around textured trabecular bone; default off (uniform 700 HU). */
        public Builder texturedBone(boolean texture) { this.texturedBone = texture; return this; }

        /** Partial volume: each voxel the mean of the points through it (27× the rendering time); default off. */
        public Builder partialVolume(boolean mix) { this.partialVolume = mix; return this; }

        /** In-plane correlation of the noise in mm, like a reconstruction kernel's blur (default 0: white noise). */
        public Builder noiseCorrelationMm(double mm) { this.noiseCorrelationMm = mm; return this; }

        public ChestCtSpec build() {
            double pixel = Double.isNaN(pixelSpacingMm)
                    ? DEFAULT_FIELD_OF_VIEW_MM / Math.max(size.columns(), size.rows()) : pixelSpacingMm;
            double thickness = Double.isNaN(sliceThicknessMm) ? sliceSpacingMm : sliceThicknessMm;
            double smallest = Double.isNaN(noduleMinDiameterMm)
                    ? Math.max(5, 2 * Math.max(pixel, sliceSpacingMm)) : noduleMinDiameterMm;
            double largest = Double.isNaN(noduleMaxDiameterMm) ? 2 * smallest : noduleMaxDiameterMm;
            Vec3 first = origin;
            if (first == null) {
                first = VoxelGrid.centredOn(Vec3.ZERO, size, pixel, pixel, sliceSpacingMm, orientation).origin();
            }
            return new ChestCtSpec(seed, size, pixel, sliceSpacingMm, thickness, orientation, first, noduleCount,
                    smallest, largest, noduleMinHu, noduleMaxHu, noiseSigmaHu, vessels, noiseCorrelationMm, noduleTypes, airways, texturedBone, partialVolume);
        }
    }
}
