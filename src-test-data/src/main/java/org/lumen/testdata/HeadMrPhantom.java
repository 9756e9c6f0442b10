// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A T1-weighted-looking head: nested ellipsoids of scalp (bright fat), skull (dark), CSF, grey and
 * white matter, with two lateral ventricles. Fitted to the spec's grid like the chest phantom.
 */
public final class HeadMrPhantom implements VoxelModel {

    static final int BACKGROUND = 0;
    static final int SCALP = 1;
    static final int SKULL = 2;
    static final int CSF = 3;
    static final int GREY_MATTER = 4;
    static final int WHITE_MATTER = 5;
    static final int VENTRICLE = 6;

    /** Signal values fit 12 bits: the phantom is stored unsigned with BitsStored 12. */
    static final int BITS_STORED = 12;

    private final HeadMrSpec spec;
    private final VoxelGrid grid;
    private final double cx;
    private final double cy;
    private final double cz;
    private final double rx;
    private final double ry;
    private final double rz;

    private HeadMrPhantom(HeadMrSpec spec) {
        this.spec = spec;
        this.grid = spec.grid();
        var box = grid.boundingBox();
        cx = (box[0].x() + box[1].x()) / 2;
        cy = (box[0].y() + box[1].y()) / 2;
        cz = (box[0].z() + box[1].z()) / 2;
        // Heads are longer from crown to chin than from front to back.
        rx = Math.max(0.42 * (box[1].x() - box[0].x()), 1);
        ry = Math.max(0.38 * (box[1].y() - box[0].y()), 1);
        rz = Math.max(0.45 * (box[1].z() - box[0].z()), 1);
    }

    public static HeadMrPhantom create(HeadMrSpec spec) {
        return new HeadMrPhantom(Objects.requireNonNull(spec, "spec"));
    }

    public HeadMrSpec spec() { return spec; }

    public VoxelGrid grid() { return grid; }

    @Override
    public int labelAt(double x, double y, double z) {
        double nx = (x - cx) / rx;
        double ny = (y - cy) / ry;
        double nz = (z - cz) / rz;
        double rho2 = nx * nx + ny * ny + nz * nz;
        if (rho2 > 1) {
            return BACKGROUND;
        }
        if (rho2 > 0.93 * 0.93) {
            return SCALP;
        }
        if (rho2 > 0.86 * 0.86) {
            return SKULL;
        }
        if (rho2 > 0.83 * 0.83) {
            return CSF;
        }
        // Lateral ventricles: slim ellipsoids either side of the midline, a little forward and up.
        double vy = (ny + 0.05) / 0.30;
        double vz = (nz - 0.10) / 0.12;
        double left = (nx - 0.12) / 0.08;
        double right = (nx + 0.12) / 0.08;
        if (left * left + vy * vy + vz * vz <= 1 || right * right + vy * vy + vz * vz <= 1) {
            return VENTRICLE;
        }
        return rho2 > 0.70 * 0.70 ? GREY_MATTER : WHITE_MATTER;
    }

    @Override
    public int valueOf(int label) {
        return switch (label) {
            case SCALP -> 900;
            case SKULL -> 80;
            case CSF, VENTRICLE -> 250;
            case GREY_MATTER -> 550;
            case WHITE_MATTER -> 750;
            default -> 0;
        };
    }

    @Override
    public SortedMap<Integer, String> labelNames() {
        SortedMap<Integer, String> names = new TreeMap<>();
        names.put(BACKGROUND, "background");
        names.put(SCALP, "scalp");
        names.put(SKULL, "skull");
        names.put(CSF, "csf");
        names.put(GREY_MATTER, "grey matter");
        names.put(WHITE_MATTER, "white matter");
        names.put(VENTRICLE, "ventricle");
        return Collections.unmodifiableSortedMap(names);
    }
}
