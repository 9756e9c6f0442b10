// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** A chest CT phantom: the chest anatomy fitted to a spec's grid, with the spec's nodules in its lungs. */
public final class ChestCtPhantom implements VoxelModel {

    private final ChestCtSpec spec;
    private final VoxelGrid grid;
    private final ChestAnatomy anatomy;
    private final List<Nodule> nodules;
    private final Nodule[] noduleArray;
    private final VesselTree vessels;
    private final VesselTree airways;
    private final VesselTree airwayWalls;

    private ChestCtPhantom(ChestCtSpec spec, VoxelGrid grid, ChestAnatomy anatomy, List<Nodule> nodules, VesselTree vessels) {
        this.spec = spec;
        this.grid = grid;
        this.anatomy = anatomy;
        this.nodules = nodules;
        this.noduleArray = nodules.toArray(Nodule[]::new);
        this.vessels = vessels;
        this.airways = spec.airways() ? VesselTree.airways(anatomy, spec.seed()) : null;
        this.airwayWalls = airways == null ? null : airways.widened(VesselTree.AIRWAY_WALL);
    }

    /**
     * The phantom a spec describes; the same spec always gives the same phantom.
     *
     * @throws IllegalArgumentException when the nodules do not fit in the lungs of the spec's grid
     */
    public static ChestCtPhantom create(ChestCtSpec spec) {
        Objects.requireNonNull(spec, "spec");
        VoxelGrid grid = spec.grid();
        var box = grid.boundingBox();
        ChestAnatomy anatomy = new ChestAnatomy(box[0], box[1]);
        // The vessel tree grows from its own seed, before the nodules: a juxtavascular nodule is placed against it.
        VesselTree vessels = spec.vessels() ? VesselTree.grow(anatomy, spec.seed()) : null;
        List<Nodule> nodules = new NodulePlacer(anatomy, grid).place(spec, vessels);
        return new ChestCtPhantom(spec, grid, anatomy, nodules, vessels);
    }

    public ChestCtSpec spec() { return spec; }

    public VoxelGrid grid() { return grid; }

    /** How many tube segments the vessel tree has (0 without one). */
    public int vesselSegments() { return vessels == null ? 0 : vessels.segments().size(); }

    /** The nodules, by id from 1. */
    public List<Nodule> nodules() { return nodules; }

    @Override
    public int labelAt(double x, double y, double z) {
        int label = anatomy.labelAt(x, y, z);
        if (airways != null && (label == ChestAnatomy.LUNG || label == ChestAnatomy.SOFT_TISSUE) && !inNodule(x, y, z, label)
                && airwayWalls.contains(x, y, z)) {
            return airways.contains(x, y, z) ? ChestAnatomy.AIRWAY : ChestAnatomy.AIRWAY_WALL;
        }
        if (label == ChestAnatomy.LUNG) {
            for (Nodule nodule : noduleArray) {
                if (nodule.contains(x, y, z)) {
                    return nodule.labelValue();
                }
            }
            if (vessels != null && vessels.contains(x, y, z)) {
                return ChestAnatomy.VESSEL;
            }
        }
        return label;
    }

    private boolean inNodule(double x, double y, double z, int label) {
        if (label != ChestAnatomy.LUNG) {
            return false;
        }
        for (Nodule nodule : noduleArray) {
            if (nodule.contains(x, y, z)) {
                return true;
            }
        }
        return false;
    }

    /** How many tube segments the airway tree has (0 without one). */
    public int airwaySegments() { return airways == null ? 0 : airways.segments().size(); }

    /** The HU of a label: a tissue's, a nodule's own, or 0 for labels this phantom does not use. */
    @Override
    public int valueOf(int label) {
        int id = label - Nodule.FIRST_LABEL;
        if (id >= 1 && id <= noduleArray.length) {
            return noduleArray[id - 1].hu();
        }
        return ChestAnatomy.huOf(label);
    }

    /** Cortical bone: the outer {@value #CORTEX_MM} mm of bone, at {@value #CORTEX_HU} HU. */
    static final double CORTEX_MM = 1.0;
    static final int CORTEX_HU = 1000;
    /** Trabecular bone: {@value #TRABECULAR_HU} HU ± {@value #TRABECULAR_SPREAD_HU}, varying over cells of {@value #TEXTURE_MM} mm. */
    static final int TRABECULAR_HU = 250;
    static final int TRABECULAR_SPREAD_HU = 150;
    static final double TEXTURE_MM = 2.5;

    /** With nodule types a part-solid nodule's core differs from the rest of it; with textured bone, bone varies. */
    @Override
    public boolean spatialValues() {
        return spec.noduleTypes() || spec.texturedBone();
    }

    @Override
    public int valueAt(int label, double x, double y, double z) {
        int id = label - Nodule.FIRST_LABEL;
        if (id >= 1 && id <= noduleArray.length) {
            return noduleArray[id - 1].huAt(x, y, z);
        }
        if (label == ChestAnatomy.BONE && spec.texturedBone()) {
            return boneAt(x, y, z);
        }
        return valueOf(label);
    }

    /** Cortex where bone ends within a millimetre along an axis; inside, trabecular bone of seeded, smooth texture. */
    private int boneAt(double x, double y, double z) {
        double d = CORTEX_MM;
        if (anatomy.labelAt(x + d, y, z) != ChestAnatomy.BONE || anatomy.labelAt(x - d, y, z) != ChestAnatomy.BONE
                || anatomy.labelAt(x, y + d, z) != ChestAnatomy.BONE || anatomy.labelAt(x, y - d, z) != ChestAnatomy.BONE
                || anatomy.labelAt(x, y, z + d) != ChestAnatomy.BONE || anatomy.labelAt(x, y, z - d) != ChestAnatomy.BONE) {
            return CORTEX_HU;
        }
        return (int) Math.round(TRABECULAR_HU + TRABECULAR_SPREAD_HU * valueNoise(x / TEXTURE_MM, y / TEXTURE_MM, z / TEXTURE_MM));
    }

    /** Trilinear value noise in [-1, 1], from a hash of the lattice corners and the spec's seed: smooth and reproducible. */
    private double valueNoise(double x, double y, double z) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        double fx = smooth(x - x0);
        double fy = smooth(y - y0);
        double fz = smooth(z - z0);
        double v = 0;
        for (int c = 0; c < 8; c++) {
            int dx = c & 1;
            int dy = (c >> 1) & 1;
            int dz = (c >> 2) & 1;
            double w = (dx == 1 ? fx : 1 - fx) * (dy == 1 ? fy : 1 - fy) * (dz == 1 ? fz : 1 - fz);
            v += w * lattice(x0 + dx, y0 + dy, z0 + dz);
        }
        return v;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private double lattice(int i, int j, int k) {
        long h = spec.seed() * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + j * 0x94D049BB133111EBL + k * 0x2545F4914F6CDD1DL;
        h ^= h >>> 31;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return (h >>> 11) * 0x1.0p-53 * 2 - 1;
    }

    /** Whether a point lies in the vessel tree (false without one). */
    boolean inVessel(double x, double y, double z) {
        return vessels != null && vessels.contains(x, y, z);
    }

    @Override
    public SortedMap<Integer, String> labelNames() {
        SortedMap<Integer, String> names = new TreeMap<>();
        for (int label : ChestAnatomy.tissueLabels()) {
            names.put(label, ChestAnatomy.nameOf(label));
        }
        if (vessels != null) {
            names.put(ChestAnatomy.VESSEL, ChestAnatomy.nameOf(ChestAnatomy.VESSEL));
        }
        if (airways != null) {
            names.put(ChestAnatomy.AIRWAY, ChestAnatomy.nameOf(ChestAnatomy.AIRWAY));
            names.put(ChestAnatomy.AIRWAY_WALL, ChestAnatomy.nameOf(ChestAnatomy.AIRWAY_WALL));
        }
        for (Nodule nodule : nodules) {
            names.put(nodule.labelValue(), "nodule " + nodule.id());
        }
        return Collections.unmodifiableSortedMap(names);
    }
}
