// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/**
 * Exact Euclidean distance transform of a 2D or 3D binary image with anisotropic spacing
 * (Felzenszwalb and Huttenlocher's separable lower envelope of parabolas, linear time), and the
 * signed distance map built on it for shape-based interpolation. The annotation tools interpolate
 * slices with it; validation measures surface distances (Hausdorff) with it.
 */
public final class DistanceTransform {

    /** Stands for "no feature anywhere on this line": large, yet finite so the envelope arithmetic stays exact. */
    private static final double FAR = 1e30;

    private DistanceTransform() { }

    /** Squared distance (mm²) from each pixel centre to the nearest pixel where {@code feature} is true. */
    public static double[] squared(boolean[] feature, int width, int height, double spacingX, double spacingY) {
        double[] d = new double[width * height];
        for (int p = 0; p < d.length; p++) {
            d[p] = feature[p] ? 0 : FAR;
        }
        int longest = Math.max(width, height);
        double[] f = new double[longest];
        double[] out = new double[longest];
        int[] v = new int[longest];
        double[] z = new double[longest + 1];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                f[y] = d[y * width + x];
            }
            line(f, height, spacingY, out, v, z);
            for (int y = 0; y < height; y++) {
                d[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(d, y * width, f, 0, width);
            line(f, width, spacingX, out, v, z);
            System.arraycopy(out, 0, d, y * width, width);
        }
        return d;
    }

    /**
     * Squared distance (mm²) from each voxel centre to the nearest voxel where {@code feature} is true, in a
     * volume stored x fastest, then y, then z; {@code Double}-sized huge (1e30) where there is no feature at all.
     */
    public static double[] squared(boolean[] feature, int width, int height, int depth, double spacingX, double spacingY,
                                   double spacingZ) {
        int plane = width * height;
        if ((long) plane * depth != feature.length) {
            throw new IllegalArgumentException("a " + width + "×" + height + "×" + depth + " volume has "
                    + (long) plane * depth + " voxels, not " + feature.length);
        }
        double[] d = new double[feature.length];
        for (int z = 0; z < depth; z++) {
            boolean[] slice = new boolean[plane];
            System.arraycopy(feature, z * plane, slice, 0, plane);
            System.arraycopy(squared(slice, width, height, spacingX, spacingY), 0, d, z * plane, plane);
        }
        if (depth > 1) {
            double[] f = new double[depth];
            double[] out = new double[depth];
            int[] v = new int[depth];
            double[] zs = new double[depth + 1];
            for (int p = 0; p < plane; p++) {
                for (int z = 0; z < depth; z++) {
                    f[z] = d[z * plane + p];
                }
                line(f, depth, spacingZ, out, v, zs);
                for (int z = 0; z < depth; z++) {
                    d[z * plane + p] = out[z];
                }
            }
        }
        return d;
    }

    /**
     * Signed distance (mm) to the boundary of {@code inside}: negative inside, positive outside, the
     * boundary taken half a pixel (of the finer spacing) beyond the outermost inside centres, so
     * {@code sdf <= 0} gives back exactly the inside pixels.
     */
    public static double[] signed(boolean[] inside, int width, int height, double spacingX, double spacingY) {
        boolean[] outside = new boolean[inside.length];
        for (int p = 0; p < inside.length; p++) {
            outside[p] = !inside[p];
        }
        double[] toInside = squared(inside, width, height, spacingX, spacingY);
        double[] toOutside = squared(outside, width, height, spacingX, spacingY);
        double half = Math.min(spacingX, spacingY) / 2;
        double[] sdf = new double[inside.length];
        for (int p = 0; p < inside.length; p++) {
            sdf[p] = inside[p] ? -(Math.sqrt(toOutside[p]) - half) : Math.sqrt(toInside[p]) - half;
        }
        return sdf;
    }

    /** 1D squared distance transform of {@code f[0..n)} with sample spacing s (mm) into {@code out}. */
    private static void line(double[] f, int n, double s, double[] out, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double sIntersect = intersect(f, s, q, v[k]);
            // z[0] is -infinity, so this stops at the first parabola at the latest.
            while (sIntersect <= z[k]) {
                k--;
                sIntersect = intersect(f, s, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = sIntersect;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            double xq = q * s;
            while (z[k + 1] < xq) {
                k++;
            }
            double dx = xq - v[k] * s;
            out[q] = dx * dx + f[v[k]];
        }
    }

    /** Where the parabolas rooted at samples q and p ({@code p < q}) of {@code f} intersect, in mm. */
    private static double intersect(double[] f, double s, int q, int p) {
        double xq = q * s;
        double xp = p * s;
        return ((f[q] + xq * xq) - (f[p] + xp * xp)) / (2 * (xq - xp));
    }
}
