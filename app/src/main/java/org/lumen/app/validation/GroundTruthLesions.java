// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.evaluation.Lesion;
import org.lumen.annotation.catalog.MaskLesions;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.Payload;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;

/**
 * A label revision as detection ground truth: each connected component of a mask (its centroid, and the diameter
 * of a sphere of its volume), each box (its centre, its largest side), each point (with {@link #POINT_DIAMETER_MM},
 * since a point has no size). Lines are measurements, not lesions.
 */
final class GroundTruthLesions {

    /** A point marks a lesion of this diameter: a hit is a candidate within 5 mm of it. */
    static final double POINT_DIAMETER_MM = 10;

    private GroundTruthLesions() { }

    static List<Lesion> of(Payload payload) {
        List<Lesion> lesions = new ArrayList<>();
        if (payload instanceof MaskPayload mask) {
            for (MaskLesions.Lesion l : MaskLesions.of(mask)) {
                lesions.add(new Lesion(l.centre(), Math.max(l.equivalentDiameterMm(), 1e-3)));
            }
        } else if (payload instanceof VectorPayload vector) {
            for (VectorLabel label : vector.labels()) {
                if (label instanceof BoxLabel b) {
                    double size = Math.max(b.widthMm(), Math.max(b.heightMm(), b.depthMm()));
                    lesions.add(new Lesion(b.center(), size > 0 ? size : POINT_DIAMETER_MM));
                } else if (label instanceof PointLabel p) {
                    lesions.add(new Lesion(p.position(), POINT_DIAMETER_MM));
                }
            }
        }
        return lesions;
    }
}
