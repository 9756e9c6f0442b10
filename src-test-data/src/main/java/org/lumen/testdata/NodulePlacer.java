// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lumen.viewer.geometry.Vec3;

/**
 * Places a spec's nodules at random — reproducibly from its seed — wholly inside the lungs and
 * the grid, apart from one another.
 */
final class NodulePlacer {

    private static final int ATTEMPTS_PER_NODULE = 20_000;
    private static final Vec3[] DIRECTIONS = fibonacciSphere(128);

    private final ChestAnatomy anatomy;
    private final VoxelGrid grid;
    /** Clearance kept around every nodule: from lung borders, grid edges and other nodules. */
    private final double marginMm;

    NodulePlacer(ChestAnatomy anatomy, VoxelGrid grid) {
        this.anatomy = anatomy;
        this.grid = grid;
        this.marginMm = Math.max(1, 0.5 * grid.coarsestSpacingMm());
    }

    /**
     * The nodules, ids 1..count.
     *
     * @throws IllegalArgumentException when the lungs in this grid have no room for them
     */
    List<Nodule> place(ChestCtSpec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        ChestAnatomy.Ellipsoid[] lungs = anatomy.lungs();
        List<Nodule> placed = new ArrayList<>();
        for (int id = 1; id <= spec.noduleCount(); id++) {
            Nodule nodule = null;
            for (int attempt = 0; attempt < ATTEMPTS_PER_NODULE && nodule == null; attempt++) {
                ChestAnatomy.Ellipsoid lung = lungs[random.nextInt(lungs.length)];
                double diameter = roundTo(spec.noduleMinDiameterMm()
                        + random.nextDouble() * (spec.noduleMaxDiameterMm() - spec.noduleMinDiameterMm()), 10);
                Vec3 center = new Vec3(
                        roundTo(lung.cx() + (2 * random.nextDouble() - 1) * lung.rx(), 100),
                        roundTo(lung.cy() + (2 * random.nextDouble() - 1) * lung.ry(), 100),
                        roundTo(lung.cz() + (2 * random.nextDouble() - 1) * lung.rz(), 100));
                int hu = random.nextInt(spec.noduleMinHu(), spec.noduleMaxHu() + 1);
                Nodule candidate = new Nodule(id, center, Math.max(diameter, 0.1), hu);
                if (insideGrid(candidate) && insideLung(candidate) && apart(candidate, placed)) {
                    nodule = candidate;
                }
            }
            if (nodule == null) {
                throw new IllegalArgumentException("cannot place " + spec.noduleCount() + " nodules of "
                        + spec.noduleMinDiameterMm() + "–" + spec.noduleMaxDiameterMm() + " mm in the lungs of a "
                        + spec.size() + " grid of " + grid.columnSpacingMm() + "×" + grid.rowSpacingMm() + "×"
                        + grid.sliceSpacingMm() + " mm voxels (placed " + placed.size()
                        + "); use more slices, larger spacing, smaller or fewer nodules");
            }
            placed.add(nodule);
        }
        return List.copyOf(placed);
    }

    private boolean insideGrid(Nodule nodule) {
        double[] index = grid.voxelIndex(nodule.center());
        double reach = nodule.radiusMm() + marginMm;
        double[] extent = {reach / grid.columnSpacingMm(), reach / grid.rowSpacingMm(), reach / grid.sliceSpacingMm()};
        int[] size = grid.size().toArray();
        for (int axis = 0; axis < 3; axis++) {
            if (index[axis] - extent[axis] < 0 || index[axis] + extent[axis] > size[axis] - 1) {
                return false;
            }
        }
        return true;
    }

    /** Samples the sphere grown by the margin (and a shell half-way in): every sample must be lung. */
    private boolean insideLung(Nodule nodule) {
        Vec3 c = nodule.center();
        if (anatomy.labelAt(c.x(), c.y(), c.z()) != ChestAnatomy.LUNG) {
            return false;
        }
        double outer = nodule.radiusMm() + marginMm;
        for (double radius : new double[] {outer, outer / 2}) {
            for (Vec3 d : DIRECTIONS) {
                if (anatomy.labelAt(c.x() + radius * d.x(), c.y() + radius * d.y(), c.z() + radius * d.z())
                        != ChestAnatomy.LUNG) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean apart(Nodule candidate, List<Nodule> placed) {
        for (Nodule other : placed) {
            double clearance = candidate.radiusMm() + other.radiusMm() + 2 * marginMm;
            if (candidate.center().distance(other.center()) < clearance) {
                return false;
            }
        }
        return true;
    }

    /** Rounds to 1/perMm mm; dividing by the scale keeps the shortest decimal, so the JSON reads cleanly. */
    private static double roundTo(double value, int perMm) {
        return Math.round(value * perMm) / (double) perMm;
    }

    /** Nearly evenly spread unit vectors. */
    private static Vec3[] fibonacciSphere(int count) {
        Vec3[] directions = new Vec3[count];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int n = 0; n < count; n++) {
            double z = 1 - 2 * (n + 0.5) / count;
            double r = Math.sqrt(1 - z * z);
            directions[n] = new Vec3(r * Math.cos(golden * n), r * Math.sin(golden * n), z);
        }
        return directions;
    }
}
