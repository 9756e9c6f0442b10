// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.Objects;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;

/** Argument checks shared by the object label records. */
final class LabelChecks {

    private LabelChecks() { }

    static void common(UUID id, String seriesInstanceUid, String labelClass) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(labelClass, "labelClass");
        if (labelClass.isBlank()) {
            throw new IllegalArgumentException("a label needs a class name");
        }
    }

    static void point(Vec3 p, String name) {
        Objects.requireNonNull(p, name);
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y()) || !Double.isFinite(p.z())) {
            throw new IllegalArgumentException(name + " is not a finite point: " + p);
        }
    }

    static IndexOutOfBoundsException noHandle(int index, int count) {
        return new IndexOutOfBoundsException("handle " + index + " of a label with " + count + " points");
    }
}
