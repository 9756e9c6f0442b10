// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import org.lumen.viewer.geometry.Vec3;

/**
 * The tissues of a schematic adult chest, without nodules: an elliptical body with a fat layer,
 * two ellipsoidal lungs, a heart, a vertebral column, ribs and a sternum. Its dimensions are fitted
 * to a box of patient space, so every grid shows a whole chest whatever its size or spacing.
 */
final class ChestAnatomy {

    static final int BACKGROUND = 0;
    static final int SOFT_TISSUE = 1;
    static final int LUNG = 2;
    static final int BONE = 3;
    static final int HEART = 4;
    static final int FAT = 5;
    /** A pulmonary vessel (only with the vessel tree). */
    static final int VESSEL = 6;
    /** The air inside an airway, and the airway's wall (only with the airway tree). */
    static final int AIRWAY = 7;
    static final int AIRWAY_WALL = 8;

    /** The HU range 12-bit storage with intercept -1024 can hold. */
    static final int MIN_HU = -1024;
    static final int MAX_HU = 3071;

    // Fractions of the body's half-width (a), half-depth (b) and the box's half-height (h).
    private static final double FAT_LAYER = 0.05;
    private static final double LUNG_OFFSET_X = 0.42;
    private static final double LUNG_OFFSET_Y = 0.02;
    private static final double LUNG_OFFSET_Z = 0.05;
    private static final double LUNG_RADIUS_X = 0.36;
    private static final double LUNG_RADIUS_Y = 0.68;
    private static final double LUNG_RADIUS_Z = 0.80;
    private static final double RIB_INNER = 0.87;
    private static final double RIB_OUTER = 0.93;
    private static final double RIB_PERIOD_Z = 0.16;
    private static final double RIB_HEIGHT_Z = 0.06;

    private final double cx;
    private final double cy;
    private final double cz;
    private final double a;
    private final double b;
    private final double h;
    private final Ellipsoid leftLung;
    private final Ellipsoid rightLung;
    private final Ellipsoid heart;
    private final double ribBottom;
    private final double ribTop;

    /** A chest fitted into the box from {@code min} to {@code max}, long axis along z. */
    ChestAnatomy(Vec3 min, Vec3 max) {
        cx = (min.x() + max.x()) / 2;
        cy = (min.y() + max.y()) / 2;
        cz = (min.z() + max.z()) / 2;
        double halfWidth = (max.x() - min.x()) / 2;
        double halfDepth = (max.y() - min.y()) / 2;
        h = Math.max((max.z() - min.z()) / 2, 1);
        a = Math.max(0.9 * halfWidth, 1);
        // Chests are about 70% as deep as they are wide.
        b = Math.max(Math.min(0.9 * halfDepth, 0.7 * a), 1);
        // LPS: +x is the patient's left, +y posterior, +z head.
        double lungZ = cz + LUNG_OFFSET_Z * h;
        rightLung = new Ellipsoid(cx - LUNG_OFFSET_X * a, cy + LUNG_OFFSET_Y * b, lungZ,
                LUNG_RADIUS_X * a, LUNG_RADIUS_Y * b, LUNG_RADIUS_Z * h);
        leftLung = new Ellipsoid(cx + LUNG_OFFSET_X * a, cy + LUNG_OFFSET_Y * b, lungZ,
                LUNG_RADIUS_X * a, LUNG_RADIUS_Y * b, LUNG_RADIUS_Z * h);
        heart = new Ellipsoid(cx + 0.10 * a, cy - 0.22 * b, cz - 0.25 * h, 0.30 * a, 0.40 * b, 0.35 * h);
        ribBottom = lungZ - LUNG_RADIUS_Z * h;
        ribTop = lungZ + LUNG_RADIUS_Z * h;
    }

    /** The lung ellipsoids, right then left: where nodules may go. */
    Ellipsoid[] lungs() { return new Ellipsoid[] {rightLung, leftLung}; }

    static int huOf(int label) {
        return switch (label) {
            case BACKGROUND -> -1000;
            case SOFT_TISSUE -> 40;
            case LUNG -> -850;
            case BONE -> 700;
            case HEART -> 45;
            case FAT -> -100;
            case VESSEL -> 40;
            case AIRWAY -> -1000;
            case AIRWAY_WALL -> 40;
            default -> 0;
        };
    }

    static String nameOf(int label) {
        return switch (label) {
            case BACKGROUND -> "background";
            case SOFT_TISSUE -> "soft tissue";
            case LUNG -> "lung";
            case BONE -> "bone";
            case HEART -> "heart";
            case FAT -> "fat";
            case VESSEL -> "vessel";
            case AIRWAY -> "airway";
            case AIRWAY_WALL -> "airway wall";
            default -> throw new IllegalArgumentException("no chest tissue has label " + label);
        };
    }

    static int[] tissueLabels() {
        return new int[] {BACKGROUND, SOFT_TISSUE, LUNG, BONE, HEART, FAT};
    }

    /** The tissue label at a point (LPS, mm). */
    int labelAt(double x, double y, double z) {
        double nx = (x - cx) / a;
        double ny = (y - cy) / b;
        double body = nx * nx + ny * ny;
        if (body > 1) {
            return BACKGROUND;
        }
        double inner = sq((x - cx) / (a - FAT_LAYER * b)) + sq((y - cy) / (b - FAT_LAYER * b));
        if (inner > 1) {
            return FAT;
        }
        if (isBone(x, y, z, nx, ny, body)) {
            return BONE;
        }
        if (heart.contains(x, y, z)) {
            return HEART;
        }
        if (rightLung.contains(x, y, z) || leftLung.contains(x, y, z)) {
            return LUNG;
        }
        return SOFT_TISSUE;
    }

    private boolean isBone(double x, double y, double z, double nx, double ny, double body) {
        // Vertebral body, and the arch around the spinal canal behind it.
        if (sq(nx / 0.14) + sq((ny - 0.55) / 0.16) <= 1) {
            return true;
        }
        double canal = sq((x - cx) / b) + sq(ny - 0.78);
        if (canal <= 0.10 * 0.10 && canal > 0.06 * 0.06) {
            return true;
        }
        if (z < ribBottom || z > ribTop) {
            return false;
        }
        // Sternum, in front.
        if (sq(nx / 0.08) + sq((ny + 0.88) / 0.05) <= 1) {
            return true;
        }
        // Ribs: bands of an elliptical shell outside the lungs, repeating along z, open at the front midline.
        if (body < RIB_INNER * RIB_INNER || body > RIB_OUTER * RIB_OUTER || (ny < 0 && Math.abs(nx) < 0.2)) {
            return false;
        }
        double period = (z - ribBottom) / (RIB_PERIOD_Z * h);
        return period - Math.floor(period) < RIB_HEIGHT_Z / RIB_PERIOD_Z;
    }

    private static double sq(double v) { return v * v; }

    /** An axis-aligned ellipsoid. */
    record Ellipsoid(double cx, double cy, double cz, double rx, double ry, double rz) {

        boolean contains(double x, double y, double z) {
            return sq((x - cx) / rx) + sq((y - cy) / ry) + sq((z - cz) / rz) <= 1;
        }
    }
}
