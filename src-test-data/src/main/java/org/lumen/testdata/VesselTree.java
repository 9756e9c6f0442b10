// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lumen.viewer.geometry.Vec3;

/**
 * A seeded, branching pulmonary vessel tree in each lung: from a hilum on the lung's medial side, six trunks of a
 * few mm radius split again and again into two thinner ones (radius × 0.95 along each, then × 0.88 and × 0.8,
 * turned 20–45° apart) until they are under 0.4 mm or reach the pleura. Seen end-on in an axial slice, a vessel is
 * a bright round spot in the lung, the classic false positive of a nodule detector; along its length it is a
 * tapering tube. Lookups go through a grid of 10 mm cells, so a voxel tests only the few segments near it.
 */
final class VesselTree {

    private static final double CELL_MM = 10;
    private static final double MIN_RADIUS_MM = 0.4;
    private static final int MAX_DEPTH = 16;

    /** A tapering tube from {@code a} (radius {@code ra}) to {@code b} (radius {@code rb}). */
    record Segment(Vec3 a, Vec3 b, double ra, double rb) {

        boolean contains(double x, double y, double z) {
            double dx = b.x() - a.x();
            double dy = b.y() - a.y();
            double dz = b.z() - a.z();
            double px = x - a.x();
            double py = y - a.y();
            double pz = z - a.z();
            double length2 = dx * dx + dy * dy + dz * dz;
            double t = Math.clamp((px * dx + py * dy + pz * dz) / length2, 0, 1);
            double r = ra + (rb - ra) * t;
            double ex = px - t * dx;
            double ey = py - t * dy;
            double ez = pz - t * dz;
            return ex * ex + ey * ey + ez * ez <= r * r;
        }
    }

    private final List<Segment> segments;
    private final double minX;
    private final double minY;
    private final double minZ;
    private final int nx;
    private final int ny;
    private final int nz;
    private final Segment[][] cells;

    private VesselTree(List<Segment> segments) {
        this.segments = List.copyOf(segments);
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Segment s : segments) {
            double r = Math.max(s.ra(), s.rb());
            for (Vec3 p : new Vec3[] {s.a(), s.b()}) {
                lo[0] = Math.min(lo[0], p.x() - r);
                lo[1] = Math.min(lo[1], p.y() - r);
                lo[2] = Math.min(lo[2], p.z() - r);
                hi[0] = Math.max(hi[0], p.x() + r);
                hi[1] = Math.max(hi[1], p.y() + r);
                hi[2] = Math.max(hi[2], p.z() + r);
            }
        }
        minX = lo[0];
        minY = lo[1];
        minZ = lo[2];
        nx = Math.max(1, (int) Math.ceil((hi[0] - lo[0]) / CELL_MM));
        ny = Math.max(1, (int) Math.ceil((hi[1] - lo[1]) / CELL_MM));
        nz = Math.max(1, (int) Math.ceil((hi[2] - lo[2]) / CELL_MM));
        List<List<Segment>> lists = new ArrayList<>();
        for (int c = 0; c < nx * ny * nz; c++) {
            lists.add(new ArrayList<>());
        }
        for (Segment s : segments) {
            double r = Math.max(s.ra(), s.rb());
            int[] a = cell(Math.min(s.a().x(), s.b().x()) - r, Math.min(s.a().y(), s.b().y()) - r, Math.min(s.a().z(), s.b().z()) - r);
            int[] b = cell(Math.max(s.a().x(), s.b().x()) + r, Math.max(s.a().y(), s.b().y()) + r, Math.max(s.a().z(), s.b().z()) + r);
            for (int k = a[2]; k <= b[2]; k++) {
                for (int j = a[1]; j <= b[1]; j++) {
                    for (int i = a[0]; i <= b[0]; i++) {
                        lists.get((k * ny + j) * nx + i).add(s);
                    }
                }
            }
        }
        cells = new Segment[lists.size()][];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = lists.get(c).toArray(Segment[]::new);
        }
    }

    /** The trees of both lungs of {@code anatomy}; the same seed grows the same trees. */
    static VesselTree grow(ChestAnatomy anatomy, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_7EE5L);
        List<Segment> segments = new ArrayList<>();
        ChestAnatomy.Ellipsoid[] lungs = anatomy.lungs();
        for (int side = 0; side < lungs.length; side++) {
            ChestAnatomy.Ellipsoid lung = lungs[side];
            // The hilum: on the medial side, a little below the lung's middle; right lung (index 0) lies at -x.
            double medial = side == 0 ? 1 : -1;
            Vec3 hilum = new Vec3(lung.cx() + medial * 0.55 * lung.rx(), lung.cy(), lung.cz() - 0.1 * lung.rz());
            double rootRadius = Math.clamp(0.05 * Math.min(lung.rx(), lung.ry()), 1.0, 5);
            // Six trunks fanning out from the hilum: up, down, out, and between them to the front and back.
            Vec3[] aims = {new Vec3(-medial * 0.3, 0, 1), new Vec3(-medial * 0.3, 0.1, -1), new Vec3(-medial, 0, 0),
                new Vec3(-medial * 0.6, -0.7, 0.3), new Vec3(-medial * 0.6, 0.7, 0.3), new Vec3(-medial * 0.6, 0.5, -0.6)};
            for (Vec3 aim : aims) {
                branch(segments, lung, hilum, aim.normalized(), rootRadius, 0, random);
            }
        }
        return new VesselTree(segments);
    }

    /** A wall around the airway lumen: its outer radius over the lumen's. */
    static final double AIRWAY_WALL = 1.35;
    /** Airways are followed down to this lumen radius (finer ones are not resolved at CT resolution). */
    private static final double AIRWAY_MIN_RADIUS_MM = 0.8;

    /**
     * The airway tree's lumen: the trachea down the midline from above the lungs to the carina, the two main bronchi
     * from there to each hilum, and in each lung four lobar trunks splitting as the vessels do, down to 0.8 mm. Seeded
     * apart from the vessels (the same seed grows the same vessels with or without airways).
     */
    static VesselTree airways(ChestAnatomy anatomy, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xA1B2_7EE5L);
        List<Segment> segments = new ArrayList<>();
        ChestAnatomy.Ellipsoid right = anatomy.lungs()[0];
        ChestAnatomy.Ellipsoid left = anatomy.lungs()[1];
        double midX = (right.cx() + left.cx()) / 2;
        double trachea = Math.clamp(0.12 * Math.min(right.rx(), right.ry()), 2.0, 9.0);
        Vec3 top = new Vec3(midX, right.cy(), right.cz() + right.rz() + 2 * trachea);
        Vec3 carina = new Vec3(midX, right.cy(), right.cz() + 0.15 * right.rz());
        segments.add(new Segment(top, carina, trachea, trachea * 0.95));
        for (int side = 0; side < 2; side++) {
            ChestAnatomy.Ellipsoid lung = side == 0 ? right : left;
            double medial = side == 0 ? 1 : -1;
            Vec3 hilum = new Vec3(lung.cx() + medial * 0.55 * lung.rx(), lung.cy(), lung.cz() - 0.05 * lung.rz());
            double bronchus = trachea * 0.7;
            segments.add(new Segment(carina, hilum, bronchus, bronchus * 0.9));
            Vec3[] aims = {new Vec3(-medial * 0.3, 0, 1), new Vec3(-medial * 0.4, 0.2, -1), new Vec3(-medial, -0.3, 0),
                new Vec3(-medial * 0.6, 0.6, -0.2)};
            for (Vec3 aim : aims) {
                branch(segments, lung, hilum, aim.normalized(), bronchus * 0.6, 0, random, AIRWAY_MIN_RADIUS_MM);
            }
        }
        return new VesselTree(segments);
    }

    /** The same tubes, each {@code scale} times as wide (an airway's wall around its lumen). */
    VesselTree widened(double scale) {
        return new VesselTree(segments.stream().map(s -> new Segment(s.a(), s.b(), s.ra() * scale, s.rb() * scale)).toList());
    }

    private static void branch(List<Segment> out, ChestAnatomy.Ellipsoid lung, Vec3 start, Vec3 dir, double radius, int depth,
                               SplittableRandom random) {
        branch(out, lung, start, dir, radius, depth, random, MIN_RADIUS_MM);
    }

    private static void branch(List<Segment> out, ChestAnatomy.Ellipsoid lung, Vec3 start, Vec3 dir, double radius, int depth,
                               SplittableRandom random, double minRadius) {
        if (radius < minRadius || depth > MAX_DEPTH) {
            return;
        }
        double length = (5 + 5 * radius) * (0.7 + 0.6 * random.nextDouble());
        Vec3 end = start.plus(dir.times(length));
        // Shorten a vessel that would leave the lung; stop where nothing of it is left inside.
        int tries = 0;
        while (!inside(lung, end, 0.95) && tries++ < 4) {
            length *= 0.5;
            end = start.plus(dir.times(length));
        }
        if (!inside(lung, end, 0.95)) {
            return;
        }
        double endRadius = radius * 0.95;
        out.add(new Segment(start, end, radius, endRadius));
        Vec3 side = perpendicular(dir, random);
        double spread = Math.toRadians(20 + 25 * random.nextDouble());
        branch(out, lung, end, turn(dir, side, spread * 0.6), endRadius * 0.88, depth + 1, random, minRadius);
        branch(out, lung, end, turn(dir, side, -spread), endRadius * 0.8, depth + 1, random, minRadius);
    }

    private static boolean inside(ChestAnatomy.Ellipsoid lung, Vec3 p, double scale) {
        double x = (p.x() - lung.cx()) / (lung.rx() * scale);
        double y = (p.y() - lung.cy()) / (lung.ry() * scale);
        double z = (p.z() - lung.cz()) / (lung.rz() * scale);
        return x * x + y * y + z * z <= 1;
    }

    private static Vec3 perpendicular(Vec3 dir, SplittableRandom random) {
        Vec3 any = new Vec3(random.nextDouble() - 0.5, random.nextDouble() - 0.5, random.nextDouble() - 0.5);
        Vec3 p = any.minus(dir.times(any.dot(dir)));
        return p.length() < 1e-6 ? perpendicular(dir, random) : p.normalized();
    }

    /** {@code dir} turned by {@code angle} towards {@code side} (a unit vector perpendicular to it). */
    private static Vec3 turn(Vec3 dir, Vec3 side, double angle) {
        return dir.times(Math.cos(angle)).plus(side.times(Math.sin(angle))).normalized();
    }

    List<Segment> segments() {
        return segments;
    }

    boolean contains(double x, double y, double z) {
        int i = (int) Math.floor((x - minX) / CELL_MM);
        int j = (int) Math.floor((y - minY) / CELL_MM);
        int k = (int) Math.floor((z - minZ) / CELL_MM);
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
            return false;
        }
        for (Segment s : cells[(k * ny + j) * nx + i]) {
            if (s.contains(x, y, z)) {
                return true;
            }
        }
        return false;
    }

    private int[] cell(double x, double y, double z) {
        return new int[] {
            Math.clamp((int) Math.floor((x - minX) / CELL_MM), 0, nx - 1),
            Math.clamp((int) Math.floor((y - minY) / CELL_MM), 0, ny - 1),
            Math.clamp((int) Math.floor((z - minZ) / CELL_MM), 0, nz - 1)};
    }
}
