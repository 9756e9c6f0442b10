// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A family of parallel image planes through a volume: its stored slices, or a reformat across
 * them (one plane per row or per column of the voxel grid). Maps plane pixels (x to the right,
 * y down, pixel centres at integers) and plane index n to voxels and to patient millimetres.
 * Stored slices are shown as acquired; reformats are turned to the radiological convention
 * (patient left on screen right for axial and coronal, anterior on the left for sagittal, head up).
 */
public final class ViewPlane {

    private static final int I = 0;
    private static final int J = 1;
    private static final int K = 2;

    private final VolumeGeometry geometry;
    private final PlaneAxis axis;
    private final int xAxis;
    private final int yAxis;
    private final int nAxis;
    private final boolean flipX;
    private final boolean flipY;
    private final int[] dims;
    private final double[] spacing;
    private final Vec3[] steps;
    /**
     * For a reformat of an irregular stack (the slice axis along screen x or y): per uniform slice m,
     * the stored slice below it, the weight of the one above, and the nearest stored slice; else null.
     */
    private final int[] lowerSlice;
    private final float[] upperWeight;
    private final int[] nearestSlice;

    private ViewPlane(VolumeGeometry g, PlaneAxis axis, int xAxis, int yAxis, int nAxis, boolean flipX, boolean flipY) {
        this.geometry = g;
        this.axis = axis;
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.nAxis = nAxis;
        this.flipX = flipX;
        this.flipY = flipY;
        // An irregular stack's reformat walks the uniform grid over its true extent (ADR 0014); its stored slices stay as they are.
        VolumeGeometry along = nAxis != K && !g.isRegular() ? g.uniform() : g;
        this.dims = new int[] {g.columns(), g.rows(), along.slices()};
        this.steps = new Vec3[] {g.rowDirection().times(g.columnSpacing()), g.columnDirection().times(g.rowSpacing()), along.sliceStep()};
        this.spacing = new double[] {g.columnSpacing(), g.rowSpacing(), along.sliceStep().length() == 0 ? 1 : along.sliceStep().length()};
        if (along != g) {
            int m = along.slices();
            lowerSlice = new int[m];
            upperWeight = new float[m];
            nearestSlice = new int[m];
            for (int u = 0; u < m; u++) {
                double k = Math.clamp(g.storedSliceAtUniform(u), 0, g.slices() - 1);
                lowerSlice[u] = Math.min((int) k, g.slices() - 2);
                upperWeight[u] = (float) (k - lowerSlice[u]);
                nearestSlice[u] = (int) Math.round(k);
            }
        } else {
            lowerSlice = null;
            upperWeight = null;
            nearestSlice = null;
        }
    }

    /** The stored slices, as acquired. */
    public static ViewPlane stored(VolumeGeometry g) {
        return new ViewPlane(g, PlaneAxis.SLICES, I, J, K, false, false);
    }

    /** The planes stepping along {@code axis}, oriented by the radiological convention (stored slices stay as acquired). */
    public static ViewPlane of(VolumeGeometry g, PlaneAxis axis) {
        if (axis == PlaneAxis.SLICES) {
            return stored(g);
        }
        int n = axis == PlaneAxis.ROWS ? J : I;
        int a = n == J ? I : J;
        Vec3[] directions = {g.rowDirection(), g.columnDirection(), g.sliceStep().normalized()};
        Anatomy anatomy = Anatomy.ofNormal(directions[a].cross(directions[K]));
        // The in-plane axis closer to the convention's screen-right becomes x.
        boolean aIsX = Math.abs(directions[a].dot(anatomy.right)) >= Math.abs(directions[K].dot(anatomy.right));
        int x = aIsX ? a : K;
        int y = aIsX ? K : a;
        boolean flipX = directions[x].dot(anatomy.right) < 0;
        boolean flipY = directions[y].dot(anatomy.down) < 0;
        return new ViewPlane(g, axis, x, y, n, flipX, flipY);
    }

    public VolumeGeometry geometry() { return geometry; }

    public PlaneAxis axis() { return axis; }

    public int width() { return dims[xAxis]; }

    public int height() { return dims[yAxis]; }

    /** How many planes there are along the normal. */
    public int count() { return dims[nAxis]; }

    /** Millimetres between pixel centres along screen x. */
    public double pixelWidthMm() { return spacing[xAxis]; }

    /** Millimetres between pixel centres along screen y. */
    public double pixelHeightMm() { return spacing[yAxis]; }

    /** Millimetres between adjacent planes (the mean gap between an irregular stack's slices). */
    public double planeSpacingMm() {
        return nAxis == K ? geometry.sliceSpacing() : spacing[nAxis];
    }

    /** "1.00 mm", or for an irregular stack's slices "4.00–7.00 mm (irregular)". */
    public String describeSpacing() {
        return nAxis == K ? geometry.describeSpacing() : String.format(java.util.Locale.ROOT, "%.2f mm", spacing[nAxis]);
    }

    /**
     * True for a reformat of an irregular stack: along the slice axis its pixels are resampled at
     * even steps over the stack's true extent, each interpolated linearly between the two stored
     * slices around it (ADR 0014); elsewhere a plane pixel is a stored voxel.
     */
    public boolean resamplesSlices() {
        return lowerSlice != null;
    }

    /** For a resampling reformat, the stored slice at or below uniform slice m (0 ≤ m < the slice axis' length). */
    public int lowerSlice(int m) { return lowerSlice[m]; }

    /** For a resampling reformat, the weight (0..1) of the stored slice above {@link #lowerSlice(int)} at uniform slice m. */
    public float upperWeight(int m) { return upperWeight[m]; }

    /**
     * Writes the voxel (i, j, k) shown at plane pixel (x, y) on plane n into {@code ijk}, allocating
     * nothing: the exact voxel, or for a resampling reformat the nearest stored slice's.
     */
    public void voxelIndex(int x, int y, int n, int[] ijk) {
        ijk[xAxis] = flipX ? dims[xAxis] - 1 - x : x;
        ijk[yAxis] = flipY ? dims[yAxis] - 1 - y : y;
        ijk[nAxis] = n;
        if (nearestSlice != null) {
            ijk[K] = nearestSlice[ijk[K]];
        }
    }

    /** The voxel axis (0 = column i, 1 = row j, 2 = slice k) that screen x, screen y and the plane index walk along. */
    public int xAxis() { return xAxis; }

    public int yAxis() { return yAxis; }

    public int nAxis() { return nAxis; }

    public boolean flipX() { return flipX; }

    public boolean flipY() { return flipY; }

    /** Unit patient direction of screen +x. */
    public Vec3 right() { return steps[xAxis].times(flipX ? -1 : 1).normalized(); }

    /** Unit patient direction of screen +y. */
    public Vec3 down() { return steps[yAxis].times(flipY ? -1 : 1).normalized(); }

    /** Unit normal of the planes (right × down). */
    public Vec3 normal() { return right().cross(down()).normalized(); }

    /** "Axial", "Coronal", "Sagittal" or "Oblique", from the plane's normal. */
    public String anatomicalName() {
        Vec3 n = normal();
        return Anatomy.oblique(n) ? "Oblique" : Anatomy.ofNormal(n).displayName();
    }

    /** Voxel index (i, j, k) of plane pixel (x, y) on plane n; k is fractional between a resampling reformat's stored slices. */
    public double[] toVoxel(double x, double y, double n) {
        double[] v = new double[3];
        v[xAxis] = flipX ? dims[xAxis] - 1 - x : x;
        v[yAxis] = flipY ? dims[yAxis] - 1 - y : y;
        v[nAxis] = n;
        if (lowerSlice != null) {
            v[K] = geometry.storedSliceAtUniform(v[K]);
        }
        return v;
    }

    /** Patient position (LPS mm) of plane pixel (x, y) on plane n. */
    public Vec3 toPatient(double x, double y, double n) {
        double[] v = toVoxel(x, y, n);
        return geometry.toPatient(v[0], v[1], v[2]);
    }

    /** Continuous plane coordinates {x, y, n} of a patient point. */
    public double[] toPlane(Vec3 point) {
        double[] v = geometry.toVoxel(point);
        if (lowerSlice != null) {
            v[K] = geometry.uniformSliceAtStored(v[K]);
        }
        double x = v[xAxis];
        double y = v[yAxis];
        return new double[] {flipX ? dims[xAxis] - 1 - x : x, flipY ? dims[yAxis] - 1 - y : y, v[nAxis]};
    }

    /** The plane index nearest to a patient point, clamped to the volume. */
    public int nearestIndex(Vec3 point) {
        return Math.clamp(Math.round(toPlane(point)[2]), 0, count() - 1);
    }

    /** The patient point at the centre of plane n. */
    public Vec3 center(int n) {
        return toPatient((width() - 1) / 2.0, (height() - 1) / 2.0, n);
    }

    /** The anatomical plane a normal is closest to, with that plane's screen-right and screen-down. */
    private enum Anatomy {
        AXIAL(new Vec3(1, 0, 0), new Vec3(0, 1, 0)),
        CORONAL(new Vec3(1, 0, 0), new Vec3(0, 0, -1)),
        SAGITTAL(new Vec3(0, 1, 0), new Vec3(0, 0, -1));

        private static final double OBLIQUE_BELOW = 0.9;

        final Vec3 right;
        final Vec3 down;

        Anatomy(Vec3 right, Vec3 down) {
            this.right = right;
            this.down = down;
        }

        static Anatomy ofNormal(Vec3 n) {
            double x = Math.abs(n.x());
            double y = Math.abs(n.y());
            double z = Math.abs(n.z());
            if (z >= x && z >= y) {
                return AXIAL;
            }
            return y >= x ? CORONAL : SAGITTAL;
        }

        static boolean oblique(Vec3 n) {
            return Math.max(Math.abs(n.x()), Math.max(Math.abs(n.y()), Math.abs(n.z()))) < OBLIQUE_BELOW;
        }

        String displayName() {
            return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }
}
