// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Where a finding's box lies, as the corners of its box in patient mm: four on one image for a 2D
 * finding (its box in the image's pixels), eight for a 3D finding (its extent along the patient axes
 * about its centre). Any view finds the box on its plane by projecting the corners: a 2D box shows on
 * its own image only, a 3D box on every slice it spans, in stored and reformatted planes alike.
 *
 * @param rank the finding's rank, as the findings list shows it
 */
public record FindingBox(int rank, List<Vec3> corners) {

    /** The box on one plane: plane pixel coordinates (pixel centres at whole numbers), x0 ≤ x1, y0 ≤ y1. */
    public record OnPlane(double x0, double y0, double x1, double y1) {

        public double centreX() { return (x0 + x1) / 2; }

        public double centreY() { return (y0 + y1) / 2; }
    }

    public FindingBox {
        corners = List.copyOf(corners);
        if (corners.isEmpty()) {
            throw new IllegalArgumentException("a finding's box needs its corners");
        }
    }

    /**
     * A 2D finding's box on image {@code slice} of {@code series}.
     *
     * @param boxPx [x0, y0, x1, y1] in continuous pixel coordinates, pixel centres at whole numbers (as
     *              {@code image2d.ImageFinding} gives it)
     */
    public static FindingBox onImage(int rank, double[] boxPx, VolumeGeometry series, int slice) {
        return new FindingBox(rank, List.of(series.toPatient(boxPx[0], boxPx[1], slice), series.toPatient(boxPx[2], boxPx[1], slice),
                series.toPatient(boxPx[2], boxPx[3], slice), series.toPatient(boxPx[0], boxPx[3], slice)));
    }

    /** A 3D finding's box: its extent along the patient's x, y and z about its centre. */
    public static FindingBox around(Finding f) {
        double[] e = f.extentMm();
        Vec3 c = f.centerMm();
        List<Vec3> corners = new ArrayList<>(8);
        for (int i = 0; i < 8; i++) {
            corners.add(new Vec3(c.x() + ((i & 1) == 0 ? -0.5 : 0.5) * e[0], c.y() + ((i & 2) == 0 ? -0.5 : 0.5) * e[1],
                    c.z() + ((i & 4) == 0 ? -0.5 : 0.5) * e[2]));
        }
        return new FindingBox(f.rank(), corners);
    }

    /**
     * The box on plane {@code index} of {@code plane}, or null when that plane does not cut it: the
     * plane's slab [index − ½, index + ½] must overlap the corners' span across planes (a box with no
     * depth shows on the one plane it lies in).
     */
    public OnPlane on(ViewPlane plane, int index) {
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double n0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        double n1 = Double.NEGATIVE_INFINITY;
        for (Vec3 corner : corners) {
            double[] q = plane.toPlane(corner);
            x0 = Math.min(x0, q[0]);
            x1 = Math.max(x1, q[0]);
            y0 = Math.min(y0, q[1]);
            y1 = Math.max(y1, q[1]);
            n0 = Math.min(n0, q[2]);
            n1 = Math.max(n1, q[2]);
        }
        boolean cut = n1 - n0 < 1e-6 ? Math.abs(index - (n0 + n1) / 2) < 0.5 : index + 0.5 > n0 && index - 0.5 < n1;
        return cut ? new OnPlane(x0, y0, x1, y1) : null;
    }

    /** The plane nearest the box's middle, where a view shows it. */
    public int nearestIndex(ViewPlane plane) {
        double n0 = Double.POSITIVE_INFINITY;
        double n1 = Double.NEGATIVE_INFINITY;
        for (Vec3 corner : corners) {
            double n = plane.toPlane(corner)[2];
            n0 = Math.min(n0, n);
            n1 = Math.max(n1, n);
        }
        return Math.clamp(Math.round((n0 + n1) / 2), 0, plane.count() - 1);
    }
}
