// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.evaluation.SegmentationMetrics;
import org.lumen.aiassist.evaluation.SegmentationScore;
import org.lumen.aiassist.grid.StoredSlices;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * One case's segmentation figures per label class: the truth mask's voxels of class c against the model's heatmap of
 * class c (the only heatmap when the model has one) at or above the heatmap's own threshold, on the series grid.
 * Dice is NaN when both masks are empty (nnU-Net's rule: the case is left out of that class's mean), HD95 NaN when
 * either is.
 */
public record SegmentationCase(SortedMap<Integer, SegmentationScore> byClass) {

    public SegmentationCase {
        byClass = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byClass));
    }

    /**
     * Scores the mask truth against the model's heatmaps; null when the truth is not a mask on the series grid or the
     * model gave no heatmap (a detector's boxes alone are not a segmentation).
     */
    static SegmentationCase of(MaskPayload truth, InferenceResult result, VolumeGeometry series) {
        var mask = truth.mask();
        if (result.heatmaps().isEmpty() || mask.columns() != series.columns() || mask.rows() != series.rows()
                || mask.slices() != series.slices()) {
            return null;
        }
        int nx = series.columns();
        int ny = series.rows();
        int nz = series.slices();
        double sz = series.slices() > 1 ? series.sliceSpacing() : 1;
        SortedMap<Integer, SegmentationScore> scores = new TreeMap<>();
        for (int c : mask.labels()) {
            if (c == 0) {
                continue;
            }
            Heatmap h = heatmapOf(result, c);
            if (h == null) {
                continue;
            }
            IntFunction<float[]> slices = StoredSlices.of(h.volume(), series);
            boolean[] reference = new boolean[nx * ny * nz];
            boolean[] predicted = new boolean[nx * ny * nz];
            for (int k = 0; k < nz; k++) {
                float[] values = slices.apply(k);
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int p = (k * ny + j) * nx + i;
                        reference[p] = mask.get(i, j, k) == c;
                        predicted[p] = values != null && values[j * nx + i] >= h.threshold();
                    }
                }
            }
            scores.put(c, SegmentationMetrics.compare(reference, predicted, nx, ny, nz, series.columnSpacing(), series.rowSpacing(), sz));
        }
        return scores.isEmpty() ? null : new SegmentationCase(scores);
    }

    private static Heatmap heatmapOf(InferenceResult result, int labelClass) {
        for (Heatmap h : result.heatmaps()) {
            if (h.classIndex() == labelClass) {
                return h;
            }
        }
        return result.heatmaps().size() == 1 ? result.heatmaps().getFirst() : null;
    }

    /** The classes scored. */
    public Map<Integer, SegmentationScore> scores() {
        return byClass;
    }
}
