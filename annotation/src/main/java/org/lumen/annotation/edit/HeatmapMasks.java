// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * AI pre-annotation from a heatmap, as plain data: a probability volume on the mask's grid (see
 * {@link VoxelValues#ofFloats} and {@link VoxelValues#perSlice}) thresholded into a label, either
 * wholly or only the connected regions that hold given seeds — the centres of the findings the
 * radiologist accepted. Each call is one undoable step, to be edited like any painted label. The
 * threshold is compared in float precision, as heatmaps are float: a value of 0.7f is at least 0.7.
 */
public final class HeatmapMasks {

    private HeatmapMasks() { }

    /** Labels every voxel whose value is at least {@code threshold}, writing by {@code rule}. */
    public static HeatmapResult threshold(MaskEditor editor, VoxelValues heatmap, double threshold, PaintRule rule) {
        GridValues.requireSameGrid(heatmap, editor);
        Objects.requireNonNull(rule, "rule");
        ValueRange range = ValueRange.atLeast((float) threshold);
        long[] counts = new long[2];
        editor.edit("From heatmap", () -> {
            for (int k = 0; k < editor.slices(); k++) {
                for (int j = 0; j < editor.rows(); j++) {
                    for (int i = 0; i < editor.columns(); i++) {
                        if (range.contains(heatmap.value(i, j, k))) {
                            counts[0]++;
                            if (editor.paint(i, j, k, rule)) {
                                counts[1]++;
                            }
                        }
                    }
                }
            }
            return null;
        });
        return new HeatmapResult(counts[0], counts[1], 0, List.of());
    }

    /**
     * Labels only the regions of voxels at or above {@code threshold} connected to a seed (a patient
     * point, LPS mm, taken at its nearest voxel). Seeds in the same region take it once.
     */
    public static HeatmapResult thresholdSeeded(MaskEditor editor, VoxelValues heatmap, double threshold, VolumeGeometry geometry,
                                                List<Vec3> seeds, Connectivity connectivity, PaintRule rule) {
        GridValues.requireSameGrid(heatmap, editor);
        editor.requireGrid(geometry);
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(connectivity, "connectivity");
        ValueRange range = ValueRange.atLeast((float) threshold);
        int planes = connectivity.isPlanar() ? 1 : editor.slices();
        List<Vec3> missed = new ArrayList<>();
        long[] counts = new long[3];
        editor.edit("From findings", () -> {
            // One grower for the volume, or one per slice for a planar connectivity: seeds in a region already taken are skipped.
            RegionGrower volumeGrower = planes == 1 ? null : new RegionGrower(editor.columns(), editor.rows(), planes, connectivity);
            RegionGrower[] sliceGrowers = new RegionGrower[planes == 1 ? editor.slices() : 0];
            for (Vec3 seed : seeds) {
                double[] v = geometry.toVoxel(seed);
                int i = (int) Math.round(v[0]);
                int j = (int) Math.round(v[1]);
                int k = (int) Math.round(v[2]);
                if (!editor.mask().contains(i, j, k) || !range.contains(heatmap.value(i, j, k))) {
                    missed.add(seed);
                    continue;
                }
                int kOffset = planes == 1 ? k : 0;
                RegionGrower grower = volumeGrower;
                if (grower == null) {
                    if (sliceGrowers[k] == null) {
                        sliceGrowers[k] = new RegionGrower(editor.columns(), editor.rows(), 1, connectivity);
                    }
                    grower = sliceGrowers[k];
                }
                if (grower.visited(i, j, k - kOffset)) {
                    continue;
                }
                RegionGrower.Region region = grower.grow(i, j, k - kOffset,
                        (a, b, c) -> range.contains(heatmap.value(a, b, c + kOffset)), Long.MAX_VALUE);
                counts[2]++;
                long[] cells = region.cells();
                for (int m = 0; m < region.size(); m++) {
                    counts[0]++;
                    if (editor.paint(grower.a(cells[m]), grower.b(cells[m]), grower.c(cells[m]) + kOffset, rule)) {
                        counts[1]++;
                    }
                }
            }
            return null;
        });
        return new HeatmapResult(counts[0], counts[1], (int) counts[2], missed);
    }
}
