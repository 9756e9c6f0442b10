// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * A spherical lung nodule: every voxel whose centre lies within {@code diameterMm / 2} of {@code center} (LPS, mm) has
 * label {@link #labelValue()} and {@code hu} — except a part-solid nodule's core, which has {@link NoduleType#CORE_HU}.
 *
 * @param type its kind when the phantom draws nodule types; null for the classic uniform nodule
 */
public record Nodule(int id, Vec3 center, double diameterMm, int hu, NoduleType type) {

    /** Labels below this are tissues; nodule {@code id} has label {@code FIRST_LABEL + id}. */
    public static final int FIRST_LABEL = 10;

    public Nodule {
        if (id < 1 || FIRST_LABEL + id > 255) {
            throw new IllegalArgumentException("nodule id must be between 1 and " + (255 - FIRST_LABEL) + ", was " + id);
        }
        Objects.requireNonNull(center, "center");
        if (!(diameterMm > 0) || Double.isInfinite(diameterMm)) {
            throw new IllegalArgumentException("nodule diameter must be a positive number of mm, was " + diameterMm);
        }
    }

    /** A classic nodule of uniform density (no type). */
    public Nodule(int id, Vec3 center, double diameterMm, int hu) {
        this(id, center, diameterMm, hu, null);
    }

    /** The value at a point inside the nodule: {@code hu}, or the solid core's for a part-solid nodule's core. */
    public int huAt(double x, double y, double z) {
        if (type != NoduleType.PART_SOLID) {
            return hu;
        }
        double core = NoduleType.CORE_FRACTION * radiusMm();
        return center.distance(new Vec3(x, y, z)) <= core ? NoduleType.CORE_HU : hu;
    }

    /** The value of this nodule's voxels in the label volume. */
    public int labelValue() { return FIRST_LABEL + id; }

    public double radiusMm() { return diameterMm / 2; }

    /** Whether a point (LPS, mm) lies inside the sphere. */
    public boolean contains(double x, double y, double z) {
        double dx = x - center.x();
        double dy = y - center.y();
        double dz = z - center.z();
        double r = radiusMm();
        return dx * dx + dy * dy + dz * dz <= r * r;
    }
}
