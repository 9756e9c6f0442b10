// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import org.lumen.viewer.geometry.Vec3;

/**
 * One connected component of a label: a lesion, for lesion-level counts and agreement.
 *
 * @param id          1 for the largest component of its mask, 2 for the next, …
 * @param centroid    mean of its voxel centres (LPS mm)
 */
public record Component(int id, int label, long voxels, double volumeMm3, Vec3 centroid, VoxelBox box) { }
