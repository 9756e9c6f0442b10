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

    private ChestCtPhantom(ChestCtSpec spec, VoxelGrid grid, ChestAnatomy anatomy, List<Nodule> nodules, VesselTree vessels) {
        this.spec = spec;
        this.grid = grid;
        this.anatomy = anatomy;
        this.nodules = nodules;
        this.noduleArray = nodules.toArray(Nodule[]::new);
        this.vessels = vessels;
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

    /** The HU of a label: a tissue's, a nodule's own, or 0 for labels this phantom does not use. */
    @Override
    public int valueOf(int label) {
        int id = label - Nodule.FIRST_LABEL;
        if (id >= 1 && id <= noduleArray.length) {
            return noduleArray[id - 1].hu();
        }
        return ChestAnatomy.huOf(label);
    }

    /** With nodule types, a part-solid nodule's core differs from the rest of it. */
    @Override
    public boolean spatialValues() {
        return spec.noduleTypes();
    }

    @Override
    public int valueAt(int label, double x, double y, double z) {
        int id = label - Nodule.FIRST_LABEL;
        if (id >= 1 && id <= noduleArray.length) {
            return noduleArray[id - 1].huAt(x, y, z);
        }
        return valueOf(label);
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
        for (Nodule nodule : nodules) {
            names.put(nodule.labelValue(), "nodule " + nodule.id());
        }
        return Collections.unmodifiableSortedMap(names);
    }
}
