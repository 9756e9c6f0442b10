// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.testdata.Nodule;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.export.LabelledCases;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.NiftiMasks;
import org.lumen.testdata.PhantomResult;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.nifti.NiftiReader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Makes generated phantoms a labelled dataset in the catalog, so an export can be tried end to end
 * without labelling by hand: each phantom's series becomes a case whose mask is its ground-truth
 * nodules (class {@value #NODULE}, mask value 1) and a box around each (class {@value #NODULE_BOX}, for 2D
 * formats), saved as imported revisions by "lumen phantom".
 */
public final class PhantomDatasets {

    /** The class the phantoms' nodules are labelled with. */
    public static final String NODULE = "nodule";
    /** The class of the box drawn around each nodule (for 2D formats such as COCO). */
    public static final String NODULE_BOX = "nodule box";
    /** Who the ground-truth revisions are by. */
    public static final String AUTHOR = "lumen phantom";

    private PhantomDatasets() { }

    /**
     * Indexes the phantoms' files (in {@code index}) into the catalog and adds each phantom as a labelled case of the
     * dataset called {@code name}: made with a nodule class when it is new, or one that has a nodule mask class already.
     *
     * @throws IllegalArgumentException when an existing dataset of that name has no nodule mask class
     */
    public static DatasetRecord register(Catalog catalog, String name, DicomIndex index, String source, List<PhantomResult> phantoms)
            throws IOException {
        catalog.studies().upsert(index, source);
        DatasetRecord dataset = catalog.datasets().byName(name).orElseGet(() -> catalog.datasets().create(name,
                "Generated chest CTs with ground-truth nodules (lumen phantom)", null));
        int value = noduleValue(catalog, dataset);
        if (catalog.labelClasses().of(dataset.id()).stream().noneMatch(c -> c.name().equals(NODULE_BOX))) {
            catalog.labelClasses().define(dataset.id(), NODULE_BOX, "#4363D8", LabelType.BOX, null, null);
        }
        long author = catalog.people().ensure(AUTHOR, true, false).id();
        NiftiReader reader = new NiftiReader();
        for (PhantomResult phantom : phantoms) {
            var series = index.seriesByUid(phantom.seriesInstanceUid()).orElseThrow(() -> new IOException(
                    "the phantom's series " + phantom.seriesInstanceUid() + " was not found in " + phantom.directory()));
            VolumeGeometry geometry = new StackPlanner().plan(series).geometry();
            // Nodules are labels 10 + id in the phantom's label volume; the rest is anatomy, not labelled here.
            LabelMask mask = NiftiMasks.onGrid(reader.read(phantom.labelVolumeFile()), geometry, label -> label >= 10 ? value : 0);
            Origin origin = new Origin.Imported("lumen phantom ground truth, seed " + phantom.groundTruth().seed());
            LabelledCases.add(catalog, dataset, phantom.seriesInstanceUid(), new MaskPayload(mask, geometry), author, origin, "ground truth");
            List<VectorLabel> boxes = new ArrayList<>();
            for (Nodule nodule : phantom.nodules()) {
                double d = nodule.diameterMm();
                boxes.add(BoxLabel.around(phantom.groundTruth().frameOfReferenceUid(), phantom.seriesInstanceUid(), NODULE_BOX,
                        nodule.center(), new Vec3(d, d, d)));
            }
            catalog.annotations().create(new NewAnnotation(phantom.seriesInstanceUid(), dataset.id(), AnnotationKind.VECTOR, null), author,
                    origin, VectorPayload.of(boxes), "ground-truth boxes");
        }
        return dataset;
    }

    private static int noduleValue(Catalog catalog, DatasetRecord dataset) {
        List<LabelClass> classes = catalog.labelClasses().of(dataset.id());
        for (LabelClass c : classes) {
            if (c.name().equals(NODULE) && c.type() == LabelType.MASK && c.maskValue() != null) {
                return c.maskValue();
            }
        }
        if (classes.stream().anyMatch(c -> c.name().equals(NODULE))) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has a class called " + NODULE
                    + " that is not a mask class; choose another dataset name");
        }
        int free = 1;
        while (true) {
            final int v = free;
            if (classes.stream().noneMatch(c -> c.maskValue() != null && c.maskValue() == v)) {
                break;
            }
            free++;
        }
        return catalog.labelClasses().define(dataset.id(), NODULE, "#E6194B", LabelType.MASK, free, null).maskValue();
    }
}
