// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a model expects as input, from its card: the preprocessing the pipeline must do.
 *
 * @param tensor          the graph input's name
 * @param channels        input channels (for 2.5D: the number of adjacent slices, odd)
 * @param patchSize       patch size in voxels along [columns, rows] (2D, 2.5D) or [columns, rows, slices] (3D)
 * @param targetSpacingMm spacing to resample to along the same axes; null keeps the series' spacing
 * @param orientation     "native" (the series' own axes), "LPS" or "RAS" (axes along the patient's)
 * @param maxBatch        the most patches per run (1 when the graph's batch dimension is fixed at 1)
 * @param overlap         fraction of a patch that neighbouring tiles share, 0 ≤ overlap < 1
 * @param paddingValue    modality value assumed outside the series (air, -1024 HU, for CT)
 */
public record InputContract(String tensor, Dimensionality dimensionality, int channels, int[] patchSize,
                            double[] targetSpacingMm, Normalisation normalisation, String orientation,
                            SpatialOrder spatialOrder, int maxBatch, double overlap, double paddingValue) {

    public InputContract {
        Objects.requireNonNull(dimensionality, "dimensionality");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(spatialOrder, "spatialOrder");
        patchSize = patchSize.clone();
        targetSpacingMm = targetSpacingMm == null ? null : targetSpacingMm.clone();
    }

    @Override
    public int[] patchSize() { return patchSize.clone(); }

    @Override
    public double[] targetSpacingMm() { return targetSpacingMm == null ? null : targetSpacingMm.clone(); }

    /** Patch extent along column (0), row (1) or slice (2) axis; 1 along the slice axis of 2D models. */
    public int patch(int axis) {
        return axis < patchSize.length ? patchSize[axis] : 1;
    }

    public InputContract withTensor(String name) {
        return new InputContract(name, dimensionality, channels, patchSize, targetSpacingMm, normalisation, orientation,
                spatialOrder, maxBatch, overlap, paddingValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputContract c && Objects.equals(tensor, c.tensor) && dimensionality == c.dimensionality
                && channels == c.channels && Arrays.equals(patchSize, c.patchSize)
                && Arrays.equals(targetSpacingMm, c.targetSpacingMm) && normalisation.equals(c.normalisation)
                && orientation.equals(c.orientation) && spatialOrder == c.spatialOrder && maxBatch == c.maxBatch
                && overlap == c.overlap && Double.compare(paddingValue, c.paddingValue) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tensor, dimensionality, channels, Arrays.hashCode(patchSize), Arrays.hashCode(targetSpacingMm),
                normalisation, orientation, spatialOrder, maxBatch, overlap, paddingValue);
    }

    @Override
    public String toString() {
        return "InputContract[" + tensor + ", " + dimensionality.label() + ", " + channels + " channel(s), patch "
                + Arrays.toString(patchSize) + ", spacing " + (targetSpacingMm == null ? "native" : Arrays.toString(targetSpacingMm))
                + ", " + normalisation.describe() + ", " + orientation + ", " + spatialOrder.label() + ", batch ≤ " + maxBatch + "]";
    }
}
