// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.List;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.StageTimings;

/**
 * What the 2D pipeline produced for one image, in the image's own pixels: heatmaps (dense models),
 * class scores (classification: the highest over tiles), findings (detection boxes, or the peaks of
 * a dense model's maps), and how the work was done.
 *
 * @param tiles   patches run through the model
 * @param batches calls to {@code OrtSession.run}
 */
public record ImageOutput(List<Heatmap2D> heatmaps, List<ClassScore> classScores, List<ImageFinding> findings,
                          ImageTransform transform, int tiles, int batches, StageTimings timings) {

    public ImageOutput {
        heatmaps = List.copyOf(heatmaps);
        classScores = List.copyOf(classScores);
        findings = List.copyOf(findings);
    }
}
