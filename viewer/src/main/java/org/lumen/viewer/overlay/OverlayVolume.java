// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

/**
 * Data drawn over a series on the series' own voxel grid: an AI heatmap (one float per voxel) or a
 * label mask (one class per voxel). Kept per stored slice, so a sparse mask or a heatmap computed
 * slice by slice costs only what it holds. Modules above the viewer (ai-assist, annotation) give
 * their volumes to the viewer through these interfaces, as plain data.
 */
public sealed interface OverlayVolume permits HeatmapVolume, LabelVolume {

    int columns();

    int rows();

    int slices();
}
