// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.geometry;

/** A point or direction in DICOM patient coordinates (LPS, millimetres). */
public record Vec3(double x, double y, double z) {

    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public static Vec3 of(double[] xyz) {
        if (xyz == null || xyz.length < 3) {
            throw new IllegalArgumentException("a 3-vector needs three values");
        }
        return new Vec3(xyz[0], xyz[1], xyz[2]);
    }

    public Vec3 plus(Vec3 o) { return new Vec3(x + o.x, y + o.y, z + o.z); }

    public Vec3 minus(Vec3 o) { return new Vec3(x - o.x, y - o.y, z - o.z); }

    public Vec3 times(double s) { return new Vec3(x * s, y * s, z * s); }

    public double dot(Vec3 o) { return x * o.x + y * o.y + z * o.z; }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double length() { return Math.sqrt(dot(this)); }

    public Vec3 normalized() {
        double len = length();
        if (len == 0) {
            throw new IllegalStateException("cannot normalise a zero vector");
        }
        return times(1 / len);
    }

    /** Distance between two points. */
    public double distance(Vec3 o) { return minus(o).length(); }

    /** True when both vectors point the same way within {@code tolerance} (on unit vectors). */
    public boolean isParallel(Vec3 o, double tolerance) {
        return Math.abs(Math.abs(normalized().dot(o.normalized())) - 1) <= tolerance;
    }

    public double[] toArray() { return new double[] {x, y, z}; }
}
