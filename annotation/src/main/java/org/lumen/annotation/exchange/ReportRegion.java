// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.List;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * Where a measurement group lies, as an SR spatial coordinate in patient mm (SCOORD3D): POINT,
 * POLYLINE, POLYGON (closed: last point equals the first), ELLIPSE (major then minor axis end points)
 * or ELLIPSOID (three axes' end points). On a group with an image reference the points are that image's
 * pixel coordinates (x column, y row, z unused) and the region is written as an SCOORD (POINT, POLYLINE, ELLIPSE).
 */
public record ReportRegion(String graphicType, List<Vec3> points) {

    public ReportRegion {
        Objects.requireNonNull(graphicType, "graphicType");
        points = List.copyOf(points);
        int needed = switch (graphicType) {
            case "POINT" -> 1;
            case "POLYLINE" -> 2;
            case "POLYGON" -> 4;
            case "ELLIPSE" -> 4;
            case "ELLIPSOID" -> 6;
            default -> throw new IllegalArgumentException("an SR region is POINT, POLYLINE, POLYGON, ELLIPSE or ELLIPSOID, not " + graphicType);
        };
        if (points.size() < needed || ("ELLIPSE".equals(graphicType) && points.size() != 4)
                || ("ELLIPSOID".equals(graphicType) && points.size() != 6) || ("POINT".equals(graphicType) && points.size() != 1)) {
            throw new IllegalArgumentException("a " + graphicType + " region cannot have " + points.size() + " points");
        }
    }

    /** Whether the region encloses a volume (TID 1411) rather than lying in a plane (TID 1410). */
    public boolean volumetric() {
        return "ELLIPSOID".equals(graphicType);
    }
}
