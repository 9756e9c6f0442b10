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

    /**
     * The coordinates (u, v, w) of this vector in the basis {@code a, b, c}: {@code this = u·a + v·b + w·c}
     * (Cramer's rule), e.g. a patient point's continuous voxel index from a grid's three voxel steps.
     *
     * @throws IllegalStateException when the three vectors are coplanar
     */
    public double[] in(Vec3 a, Vec3 b, Vec3 c) {
        double det = a.dot(b.cross(c));
        if (det == 0) {
            throw new IllegalStateException("the basis is degenerate: its three vectors lie in one plane");
        }
        return new double[] {dot(b.cross(c)) / det, a.dot(cross(c)) / det, a.dot(b.cross(this)) / det};
    }
}
