// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.Objects;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;

/** Argument checks shared by the measurement records, so each constructor states its rules in one line. */
final class Checks {

    private Checks() {
    }

    static void common(UUID id, String seriesInstanceUid) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
    }

    static Vec3 point(Vec3 p, String name) {
        Objects.requireNonNull(p, name);
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y()) || !Double.isFinite(p.z())) {
            throw new IllegalArgumentException(name + " is not a finite point: " + p);
        }
        return p;
    }

    static IndexOutOfBoundsException noHandle(int index, int count) {
        return new IndexOutOfBoundsException("handle " + index + " of a measurement with " + count + " points");
    }
}
