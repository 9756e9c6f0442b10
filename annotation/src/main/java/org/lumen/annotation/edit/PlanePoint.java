// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

/** A point on a view plane in plane pixels (x to the right, y down, pixel centres at integers). */
public record PlanePoint(double x, double y) {

    public PlanePoint {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("a plane point must be finite: " + x + ", " + y);
        }
    }
}
