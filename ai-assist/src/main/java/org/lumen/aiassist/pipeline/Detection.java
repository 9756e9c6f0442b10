// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import org.lumen.viewer.geometry.Vec3;

/**
 * A box from a detection model, mapped from its tile onto patient space.
 *
 * @param centerMm patient coordinates (LPS, mm)
 * @param axes     the model grid's unit axes (i, j, k) the box is aligned with
 * @param sizeMm   the box's size along those axes
 */
public record Detection(int classIndex, double score, Vec3 centerMm, Vec3[] axes, double[] sizeMm) {
}
