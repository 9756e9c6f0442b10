// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/** A ground-truth lesion as detection scoring sees it: its centre in patient mm and its diameter. */
public record Lesion(Vec3 centre, double diameterMm) {
    public Lesion {
        Objects.requireNonNull(centre, "centre");
        if (!(diameterMm > 0) || Double.isInfinite(diameterMm)) {
            throw new IllegalArgumentException("a lesion's diameter is a positive number of mm, not " + diameterMm);
        }
    }

    /** True when {@code point} lies strictly within the lesion's radius (the LUNA16 hit rule). */
    public boolean hitBy(Vec3 point) {
        double radius = diameterMm / 2;
        Vec3 d = point.minus(centre);
        return d.dot(d) < radius * radius;
    }
}
