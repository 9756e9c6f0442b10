// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * One thing a model found, in patient coordinates so it survives any view: score, centre,
 * extent (the size of its bounding box along the patient's x, y and z axes), volume, label, and the
 * provenance of the model output it came from. A record: the viewer lists it, the catalog stores it.
 *
 * @param rank       1 for the highest score
 * @param centerMm   score-weighted centre (LPS, mm)
 * @param extentMm   bounding box size along patient x, y, z (mm)
 * @param voxelCount series voxels above the threshold (0 for a detection box)
 */
public record Finding(int rank, String label, int classIndex, double score, Vec3 centerMm, double[] extentMm,
                      double volumeMm3, int voxelCount, Provenance provenance) {

    public Finding {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(centerMm, "centerMm");
        extentMm = extentMm.clone();
        if (extentMm.length != 3) {
            throw new IllegalArgumentException("extent has three sizes, got " + extentMm.length);
        }
    }

    @Override
    public double[] extentMm() { return extentMm.clone(); }

    /** The largest of the three extents: a finding's size in one number. */
    public double sizeMm() {
        return Math.max(extentMm[0], Math.max(extentMm[1], extentMm[2]));
    }

    public Finding withRank(int newRank) {
        return new Finding(newRank, label, classIndex, score, centerMm, extentMm, volumeMm3, voxelCount, provenance);
    }
}
