// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.util.List;
import org.lumen.aiassist.grid.Grid;

/**
 * What the pipeline produced before findings are made: heatmaps on the series grid (dense models),
 * class scores (classification), boxes (detection), and how the work was done.
 *
 * @param modelGrid the grid the model saw
 * @param tiles     patches run through the model
 * @param batches   calls to {@code OrtSession.run}
 */
public record PipelineOutput(List<Heatmap> heatmaps, List<ClassScore> classScores, List<Detection> detections,
                             Grid modelGrid, int tiles, int batches, StageTimings timings) {

    public PipelineOutput {
        heatmaps = List.copyOf(heatmaps);
        classScores = List.copyOf(classScores);
        detections = List.copyOf(detections);
    }
}
