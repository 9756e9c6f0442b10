// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

/**
 * A classification model's score for one class: for a 3D model the volume's, for a 2D model the
 * highest over the slices, with that slice.
 *
 * @param slice the slice of the highest score for a 2D model, -1 for a 3D one
 */
public record ClassScore(int classIndex, String label, double score, int slice) {
}
