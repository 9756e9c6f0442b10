// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

/**
 * One case's agreement between a predicted and a reference mask of one class. Voxel counts as nnU-Net's
 * {@code summary.json} reports them; Dice and IoU are NaN when both masks are empty (nnU-Net's rule: such a
 * case is left out of the means); the 95th-percentile Hausdorff distance is NaN when either mask is empty.
 */
public record SegmentationScore(long truePositives, long falsePositives, long falseNegatives, long trueNegatives,
                                double dice, double iou, double hd95Mm, double referenceMl, double predictedMl) {

    /** Predicted minus reference volume, in ml. */
    public double volumeErrorMl() {
        return predictedMl - referenceMl;
    }

    public long referenceVoxels() {
        return truePositives + falseNegatives;
    }

    public long predictedVoxels() {
        return truePositives + falsePositives;
    }
}
