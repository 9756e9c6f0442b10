// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.viewer.geometry.Vec3;

/**
 * One thing a 2D model found on one image, in the original image's pixels (whatever resize, pad or
 * flip the model saw): centre [column, row] and box [x0, y0, x1, y1] in continuous pixel coordinates
 * (pixel centres at whole numbers, so a one-pixel box around pixel (3, 4) is [2.5, 3.5, 3.5, 4.5]).
 *
 * @param rank     1 for the highest score on its image
 * @param radiusPx the radius of a circle of the box's area (what a lesion's radius is scored against)
 */
public record ImageFinding(int rank, String label, int classIndex, double score, double[] centerPx, double[] boxPx,
                           double radiusPx, String imageUid, int frame) {

    public ImageFinding {
        Objects.requireNonNull(label, "label");
        centerPx = centerPx.clone();
        boxPx = boxPx.clone();
        if (centerPx.length != 2 || boxPx.length != 4) {
            throw new IllegalArgumentException("a 2D finding has a centre [column, row] and a box [x0, y0, x1, y1]");
        }
    }

    @Override
    public double[] centerPx() { return centerPx.clone(); }

    @Override
    public double[] boxPx() { return boxPx.clone(); }

    public ImageFinding withRank(int r) {
        return new ImageFinding(r, label, classIndex, score, centerPx, boxPx, radiusPx, imageUid, frame);
    }

    /**
     * As a {@link Finding} the catalog and the findings list take: the centre at (column·cs, row·rs,
     * frame) and the box's extent in mm when the image has a pixel spacing ({@code cs}, {@code rs} in mm),
     * else in pixels (pass 1, 1).
     */
    public Finding asFinding(double columnSpacing, double rowSpacing, Provenance provenance) {
        double w = (boxPx[2] - boxPx[0]) * columnSpacing;
        double h = (boxPx[3] - boxPx[1]) * rowSpacing;
        return new Finding(rank, label, classIndex, score, new Vec3(centerPx[0] * columnSpacing, centerPx[1] * rowSpacing, frame),
                new double[] {w, h, 0}, 0, 0, provenance);
    }
}
