// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export.imagej;

import ij.gui.Line;
import ij.gui.PointRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiGeometry;

/**
 * Turns Lumen's shapes (patient mm) into ImageJ ROIs on the export's slices. An ImageJ ROI lies on one
 * slice, so a shape that crosses slices (a line between two slices, a box drawn on a reformat) cannot be
 * written as one: it is left out with the reason, never bent onto a slice. ImageJ's sub-pixel
 * coordinates put a pixel's centre at +0.5, so voxel index i becomes i + 0.5.
 */
final class ImageJRois {

    /** Half a slice: a shape whose points differ by less than this in k lies on one slice. */
    private static final double ON_ONE_SLICE = 0.5;
    private static final double AXIS_ALIGNED = 1e-6;

    /** The ROIs and the shapes that could not become ROIs, with why. */
    record Result(List<Roi> rois, List<String> leftOut) { }

    private final NiftiGeometry grid;
    private final Map<String, Color> colours = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final List<Roi> rois = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();

    private ImageJRois(NiftiGeometry grid, List<ImageJCase.LabelColour> classes) {
        this.grid = grid;
        for (ImageJCase.LabelColour c : classes) {
            colours.put(c.name(), new Color(c.rgb()));
        }
    }

    static Result of(NiftiGeometry grid, List<ImageJCase.LabelColour> classes, List<VectorLabel> shapes) {
        ImageJRois rois = new ImageJRois(grid, classes);
        for (VectorLabel shape : shapes) {
            switch (shape) {
                case PointLabel p -> rois.point(p);
                case LineLabel l -> rois.line(l);
                case BoxLabel b -> rois.box(b);
            }
        }
        return new Result(List.copyOf(rois.rois), List.copyOf(rois.leftOut));
    }

    private void point(PointLabel p) {
        double[] v = grid.toVoxel(p.position());
        int k = (int) Math.round(v[2]);
        if (!inside(v[0], v[1], k)) {
            leftOut.add(describe(p) + " lies outside the image");
            return;
        }
        add(new PointRoi(v[0] + 0.5, v[1] + 0.5), p, k);
    }

    private void line(LineLabel l) {
        double[] a = grid.toVoxel(l.a());
        double[] b = grid.toVoxel(l.b());
        if (Math.abs(a[2] - b[2]) >= ON_ONE_SLICE) {
            leftOut.add(describe(l) + " runs from slice " + slice(a[2]) + " to " + slice(b[2])
                    + ": an ImageJ ROI lies on one slice");
            return;
        }
        int k = (int) Math.round((a[2] + b[2]) / 2);
        if (!inside(a[0], a[1], k) || !inside(b[0], b[1], k)) {
            leftOut.add(describe(l) + " reaches outside the image");
            return;
        }
        add(new Line(a[0] + 0.5, a[1] + 0.5, b[0] + 0.5, b[1] + 0.5), l, k);
    }

    private void box(BoxLabel box) {
        Vec3 halfRight = box.right().times(box.widthMm() / 2);
        Vec3 halfDown = box.down().times(box.heightMm() / 2);
        Vec3 c = box.center();
        double[][] corners = {
            grid.toVoxel(c.minus(halfRight).minus(halfDown)), grid.toVoxel(c.plus(halfRight).minus(halfDown)),
            grid.toVoxel(c.plus(halfRight).plus(halfDown)), grid.toVoxel(c.minus(halfRight).plus(halfDown))};
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (double[] corner : corners) {
            low = Math.min(low, corner[2]);
            high = Math.max(high, corner[2]);
        }
        if (high - low >= ON_ONE_SLICE) {
            leftOut.add(describe(box) + " was drawn on a plane across the slices (a reformat): an ImageJ ROI lies on one slice");
            return;
        }
        double centreK = grid.toVoxel(c)[2];
        // The box's depth runs along its normal, which is the slice direction here: count it in slices.
        double halfDepthSlices = box.depthMm() / 2 / grid.kStep().length();
        int first = (int) Math.ceil(centreK - halfDepthSlices - 1e-9);
        int last = (int) Math.floor(centreK + halfDepthSlices + 1e-9);
        if (first > last) {
            first = last = (int) Math.round(centreK);
        }
        first = Math.max(first, 0);
        last = Math.min(last, grid.nz() - 1);
        if (first > last) {
            leftOut.add(describe(box) + " lies outside the image's slices");
            return;
        }
        for (int k = first; k <= last; k++) {
            add(outline(corners), box, k);
        }
    }

    /** A rectangle where the box's edges run along the pixel axes, a four-corner polygon where it is turned. */
    private static Roi outline(double[][] corners) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] corner : corners) {
            minX = Math.min(minX, corner[0]);
            maxX = Math.max(maxX, corner[0]);
            minY = Math.min(minY, corner[1]);
            maxY = Math.max(maxY, corner[1]);
        }
        boolean alongAxes = Math.abs(corners[0][0] - corners[1][0]) < AXIS_ALIGNED
                || Math.abs(corners[0][1] - corners[1][1]) < AXIS_ALIGNED;
        if (alongAxes) {
            // Continuous voxel coordinates become ImageJ's by the same half-pixel shift as points.
            return new Roi(minX + 0.5, minY + 0.5, maxX - minX, maxY - minY);
        }
        float[] xs = new float[4];
        float[] ys = new float[4];
        for (int n = 0; n < 4; n++) {
            xs[n] = (float) (corners[n][0] + 0.5);
            ys[n] = (float) (corners[n][1] + 0.5);
        }
        return new PolygonRoi(xs, ys, 4, Roi.POLYGON);
    }

    private void add(Roi roi, VectorLabel shape, int k) {
        int number = counts.merge(shape.labelClass(), 1, Integer::sum);
        roi.setName(shape.labelClass() + " " + number);
        roi.setStrokeColor(colours.getOrDefault(shape.labelClass(), Color.YELLOW));
        // Channel 0: the ROI shows on every channel (image and labels) of slice k.
        roi.setPosition(0, k + 1, 1);
        roi.setProperty("lumen.id", shape.id().toString());
        roi.setProperty("lumen.class", shape.labelClass());
        rois.add(roi);
    }

    private boolean inside(double i, double j, int k) {
        return k >= 0 && k < grid.nz() && i > -0.5 && j > -0.5 && i < grid.nx() - 0.5 && j < grid.ny() - 0.5;
    }

    private static String slice(double k) {
        return String.valueOf(Math.round(k) + 1);
    }

    private static String describe(VectorLabel shape) {
        String kind = switch (shape) {
            case PointLabel p -> "point";
            case LineLabel l -> "line";
            case BoxLabel b -> "box";
        };
        return "the " + shape.labelClass() + " " + kind + " " + shape.id();
    }
}
