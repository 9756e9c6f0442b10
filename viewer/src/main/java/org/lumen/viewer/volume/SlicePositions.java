// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.Arrays;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * The true origin (first voxel's centre) of every slice of a stack whose slices are not evenly
 * spaced: two spacings, a missing slice, a table step. Between two slices the origin moves along
 * the straight segment joining them, so a fractional slice index is a linear interpolation and a
 * distance along the normal maps back to exactly one fractional index (the slices are sorted along
 * the normal). Outside the stack the end segments are extended.
 */
public final class SlicePositions {

    private final Vec3[] origins;
    /** Each origin's distance from the first along the normal, strictly increasing. */
    private final double[] distances;

    public SlicePositions(Vec3[] origins, Vec3 normal) {
        if (origins.length < 2) {
            throw new IllegalArgumentException("true slice positions need at least two slices, got " + origins.length);
        }
        this.origins = origins.clone();
        this.distances = new double[origins.length];
        Vec3 n = normal.normalized();
        for (int k = 0; k < origins.length; k++) {
            distances[k] = origins[k].minus(origins[0]).dot(n);
            if (k > 0 && !(distances[k] > distances[k - 1])) {
                throw new IllegalArgumentException("slice " + k + " is not beyond slice " + (k - 1) + " along the normal");
            }
        }
    }

    public int count() { return origins.length; }

    public Vec3 origin(int k) { return origins[k]; }

    /** Slice k's distance from the first slice along the normal (mm). */
    public double distance(int k) { return distances[k]; }

    /** Distance from the first to the last slice along the normal (mm). */
    public double extent() { return distances[distances.length - 1]; }

    public double minGap() {
        double min = Double.MAX_VALUE;
        for (int k = 1; k < distances.length; k++) {
            min = Math.min(min, distances[k] - distances[k - 1]);
        }
        return min;
    }

    public double maxGap() {
        double max = 0;
        for (int k = 1; k < distances.length; k++) {
            max = Math.max(max, distances[k] - distances[k - 1]);
        }
        return max;
    }

    /** The origin at a fractional slice index: linear between the two neighbouring slices. */
    public Vec3 originAt(double k) {
        int k0 = segment(k);
        double f = k - k0;
        Vec3 a = origins[k0];
        Vec3 b = origins[k0 + 1];
        return new Vec3(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f, a.z() + (b.z() - a.z()) * f);
    }

    /** The distance along the normal at a fractional slice index. */
    public double distanceAt(double k) {
        int k0 = segment(k);
        return distances[k0] + (distances[k0 + 1] - distances[k0]) * (k - k0);
    }

    /** The fractional slice index at a distance from the first slice along the normal (the inverse of {@link #distanceAt}). */
    public double sliceAt(double distance) {
        int n = distances.length;
        int k0;
        if (distance <= distances[0]) {
            k0 = 0;
        } else if (distance >= distances[n - 1]) {
            k0 = n - 2;
        } else {
            int found = Arrays.binarySearch(distances, distance);
            k0 = found >= 0 ? Math.min(found, n - 2) : -found - 2;
        }
        return k0 + (distance - distances[k0]) / (distances[k0 + 1] - distances[k0]);
    }

    /** The lower slice of the segment a fractional index falls in (the end segments extend outwards). */
    private int segment(double k) {
        return (int) Math.clamp(Math.floor(k), 0, origins.length - 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlicePositions p && Arrays.equals(origins, p.origins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(origins));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d slices over %.4g mm, gaps %.4g to %.4g mm", origins.length, extent(),
                minGap(), maxGap());
    }
}
