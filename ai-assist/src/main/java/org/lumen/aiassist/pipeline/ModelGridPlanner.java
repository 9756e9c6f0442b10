// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.Dimensionality;
import org.lumen.aiassist.model.InputContract;
import org.lumen.viewer.geometry.Vec3;

/**
 * Chooses the grid a model sees: the series' grid resampled to the card's target spacing and
 * orientation, covering the whole series and centred on it. When that is the series' own grid
 * (same spacing, native axes) the pipeline skips resampling altogether. 2D and 2.5D models keep the
 * series' slices and resample only within them.
 */
public final class ModelGridPlanner {

    private ModelGridPlanner() { }

    /** The model grid for a dense (tiled) model. */
    public static Grid plan(Grid series, InputContract in) {
        return plan(series, in, false);
    }

    /**
     * @param fit true for classification models: the grid is exactly one patch, with the spacing
     *            that makes the series fit it (unless the card fixes a spacing, then centred on the series)
     */
    public static Grid plan(Grid series, InputContract in, boolean fit) {
        boolean sliceWise = in.dimensionality() != Dimensionality.THREE_D;
        Vec3[] axes = axes(series, in.orientation(), sliceWise);
        double[] target = in.targetSpacingMm();
        int[] sizes = new int[3];
        double[] spacing = new double[3];
        Vec3 centre = series.toPatient((series.nx() - 1) / 2.0, (series.ny() - 1) / 2.0, (series.nz() - 1) / 2.0);
        int planned = sliceWise ? 2 : 3;
        for (int a = 0; a < planned; a++) {
            double extent = extent(series, axes[a]);
            double native_ = nativeSpacing(series, axes[a]);
            if (fit && target == null) {
                sizes[a] = in.patch(a);
                spacing[a] = sizes[a] > 1 && extent > 0 ? extent / (sizes[a] - 1) : native_;
            } else {
                spacing[a] = target == null ? native_ : target[a];
                sizes[a] = fit ? in.patch(a) : Math.max(1, (int) Math.round(extent / spacing[a]) + 1);
            }
        }
        if (sliceWise) {
            // In-plane only: the slice axis and its positions stay the series' own.
            Vec3 iStep = axes[0].times(spacing[0]);
            Vec3 jStep = axes[1].times(spacing[1]);
            Vec3 sliceCentre = series.toPatient((series.nx() - 1) / 2.0, (series.ny() - 1) / 2.0, 0);
            Vec3 origin = sliceCentre.minus(iStep.times((sizes[0] - 1) / 2.0)).minus(jStep.times((sizes[1] - 1) / 2.0));
            Grid grid = new Grid(sizes[0], sizes[1], series.nz(), origin, iStep, jStep, series.kStep());
            return grid.sameAs(series) ? series : grid;
        }
        Vec3 iStep = axes[0].times(spacing[0]);
        Vec3 jStep = axes[1].times(spacing[1]);
        Vec3 kStep = axes[2].times(spacing[2]);
        Vec3 origin = centre.minus(iStep.times((sizes[0] - 1) / 2.0)).minus(jStep.times((sizes[1] - 1) / 2.0))
                .minus(kStep.times((sizes[2] - 1) / 2.0));
        Grid grid = new Grid(sizes[0], sizes[1], sizes[2], origin, iStep, jStep, kStep);
        return grid.sameAs(series) ? series : grid;
    }

    private static Vec3[] axes(Grid series, String orientation, boolean sliceWise) {
        Vec3 u = series.iStep().normalized();
        Vec3 v = series.jStep().normalized();
        return switch (orientation) {
            case "LPS" -> new Vec3[] {new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1)};
            case "RAS" -> new Vec3[] {new Vec3(-1, 0, 0), new Vec3(0, -1, 0), new Vec3(0, 0, 1)};
            default -> {
                Vec3 w = u.cross(v).normalized();
                if (!sliceWise && w.dot(series.kStep()) < 0) {
                    w = w.times(-1);
                }
                yield new Vec3[] {u, v, w};
            }
        };
    }

    /** Distance between the extreme voxel centres of the series along a unit axis. */
    private static double extent(Grid series, Vec3 axis) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int corner = 0; corner < 8; corner++) {
            Vec3 p = series.toPatient((corner & 1) == 0 ? 0 : series.nx() - 1, (corner & 2) == 0 ? 0 : series.ny() - 1,
                    (corner & 4) == 0 ? 0 : series.nz() - 1);
            double d = p.dot(axis);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max - min;
    }

    /** The spacing of the series axis best aligned with {@code axis} (the slice spacing along the normal). */
    private static double nativeSpacing(Grid series, Vec3 axis) {
        double best = -1;
        double spacing = 1;
        for (int a = 0; a < 3; a++) {
            Vec3 step = series.step(a);
            double along = Math.abs(step.dot(axis));
            double alignment = along / step.length();
            if (alignment > best) {
                best = alignment;
                spacing = a == 2 ? along : step.length();
            }
        }
        return spacing;
    }
}
