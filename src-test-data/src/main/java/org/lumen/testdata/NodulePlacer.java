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
        return place(spec, null);
    }

    /**
     * The nodules, ids 1..count; with the spec's nodule types, each of its kind in turn (a juxtavascular one against
     * {@code vessels}, solid when there are none).
     *
     * @throws IllegalArgumentException when the lungs in this grid have no room for them
     */
    List<Nodule> place(ChestCtSpec spec, VesselTree vessels) {
        if (spec.noduleTypes()) {
            return placeTyped(spec, vessels);
        }
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

    /** The kinds in the order nodules take them. */
    private static final NoduleType[] TYPE_ORDER = {NoduleType.SOLID, NoduleType.PART_SOLID, NoduleType.GROUND_GLASS,
        NoduleType.JUXTAPLEURAL, NoduleType.JUXTAVASCULAR};
    /** Ground-glass densities (HU): hazy, the vessels still seen through them. */
    private static final int GGO_MIN_HU = -750;
    private static final int GGO_MAX_HU = -450;
    /** How far inside the pleura a juxtapleural nodule's centre lies, as a fraction of its radius. */
    private static final double PLEURAL_DEPTH = 0.6;
    /** A juxtavascular nodule overlaps its vessel by this fraction of the vessel's radius. */
    private static final double VESSEL_OVERLAP = 0.5;

    private List<Nodule> placeTyped(ChestCtSpec spec, VesselTree vessels) {
        SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x7E9E5L);
        ChestAnatomy.Ellipsoid[] lungs = anatomy.lungs();
        List<VesselTree.Segment> visible = vessels == null ? List.of()
                : vessels.segments().stream().filter(v -> Math.min(v.ra(), v.rb()) >= Math.max(0.8, 0.5 * grid.coarsestSpacingMm())).toList();
        List<Nodule> placed = new ArrayList<>();
        for (int id = 1; id <= spec.noduleCount(); id++) {
            NoduleType type = TYPE_ORDER[(id - 1) % TYPE_ORDER.length];
            if (type == NoduleType.JUXTAVASCULAR && visible.isEmpty()) {
                type = NoduleType.SOLID;
            }
            Nodule nodule = null;
            for (int attempt = 0; attempt < ATTEMPTS_PER_NODULE && nodule == null; attempt++) {
                ChestAnatomy.Ellipsoid lung = lungs[random.nextInt(lungs.length)];
                double diameter = Math.max(0.1, roundTo(spec.noduleMinDiameterMm()
                        + random.nextDouble() * (spec.noduleMaxDiameterMm() - spec.noduleMinDiameterMm()), 10));
                double radius = diameter / 2;
                int hu = type == NoduleType.GROUND_GLASS || type == NoduleType.PART_SOLID ? random.nextInt(GGO_MIN_HU, GGO_MAX_HU + 1)
                        : random.nextInt(spec.noduleMinHu(), spec.noduleMaxHu() + 1);
                Vec3 center = switch (type) {
                    case JUXTAPLEURAL -> {
                        // Along a random ray from the lung's centre to its surface, then back in by part of the radius.
                        Vec3 d = DIRECTIONS[random.nextInt(DIRECTIONS.length)];
                        double t = 1 / Math.sqrt(sq(d.x() / lung.rx()) + sq(d.y() / lung.ry()) + sq(d.z() / lung.rz()));
                        double depth = t - PLEURAL_DEPTH * radius;
                        yield new Vec3(roundTo(lung.cx() + depth * d.x(), 100), roundTo(lung.cy() + depth * d.y(), 100),
                                roundTo(lung.cz() + depth * d.z(), 100));
                    }
                    case JUXTAVASCULAR -> {
                        // Beside a point of a visible vessel, touching it: the classic case of a nodule a detector merges away.
                        VesselTree.Segment v = visible.get(random.nextInt(visible.size()));
                        double f = random.nextDouble();
                        Vec3 axis = v.b().minus(v.a());
                        Vec3 q = v.a().plus(axis.times(f));
                        Vec3 side = DIRECTIONS[random.nextInt(DIRECTIONS.length)];
                        Vec3 along = axis.normalized();
                        Vec3 u = side.minus(along.times(side.dot(along)));
                        if (u.length() < 1e-6) {
                            yield null;
                        }
                        double rv = v.ra() + (v.rb() - v.ra()) * f;
                        yield q.plus(u.normalized().times(radius + (1 - VESSEL_OVERLAP) * rv));
                    }
                    default -> new Vec3(roundTo(lung.cx() + (2 * random.nextDouble() - 1) * lung.rx(), 100),
                            roundTo(lung.cy() + (2 * random.nextDouble() - 1) * lung.ry(), 100),
                            roundTo(lung.cz() + (2 * random.nextDouble() - 1) * lung.rz(), 100));
                };
                if (center == null) {
                    continue;
                }
                Nodule candidate = new Nodule(id, center, diameter, hu, type);
                boolean fits = type == NoduleType.JUXTAPLEURAL
                        ? anatomy.labelAt(center.x(), center.y(), center.z()) == ChestAnatomy.LUNG && insideGrid(candidate)
                        : insideGrid(candidate) && insideLung(candidate);
                if (fits && apart(candidate, placed)) {
                    nodule = candidate;
                }
            }
            if (nodule == null) {
                throw new IllegalArgumentException("cannot place a " + type.code() + " nodule of " + spec.noduleMinDiameterMm() + "–"
                        + spec.noduleMaxDiameterMm() + " mm in the lungs of a " + spec.size() + " grid (placed " + placed.size()
                        + "); use more slices, larger spacing, smaller or fewer nodules");
            }
            placed.add(nodule);
        }
        return List.copyOf(placed);
    }

    private static double sq(double v) {
        return v * v;
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
