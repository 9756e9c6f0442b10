// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.NiftiMasks;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.SliceOrientation;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.nifti.NiftiReader;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;

/**
 * A labelled dataset made of generated chest CTs in a real catalog file: each phantom's ground-truth
 * lung (catalog mask value 2) and nodules (value 9) saved as its case's mask, the way a labelled dataset
 * looks after annotators finished. Patient 1 has two series (a CT and an Enhanced CT), so a per-patient
 * split has something to keep together; patient 3's CT is coronal, to test the affine off the axes.
 */
final class PhantomCases implements AutoCloseable {

    static final String DATASET = "chest demo";
    static final int LUNG = 2;
    static final int NODULE = 9;
    /** A fixed site key: the same pseudonyms in every run of the tests. */
    static final byte[] KEY = "lumen-test-key-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final Path root;
    final Pools pools = new Pools(2);
    final Catalog catalog;
    final List<PhantomResult> phantoms = new ArrayList<>();
    final List<ChestCtSpec> specs = new ArrayList<>();
    final DatasetRecord dataset;

    PhantomCases(Path root, int patients) throws Exception {
        this.root = root;
        java.nio.file.Files.createDirectories(root);
        this.catalog = Catalog.open(root.resolve("catalog.sqlite"));
        for (int p = 1; p <= patients; p++) {
            ChestCtSpec spec = ChestCtSpec.builder().seed(p).size(Size.of(96, 96, 20)).sliceSpacingMm(6).noduleCount(2)
                    .orientation(p == 3 ? SliceOrientation.CORONAL : SliceOrientation.AXIAL).build();
            specs.add(spec);
            phantoms.add(Phantoms.writeChestCt(root.resolve("dicom/ct-" + p), spec));
        }
        ChestCtSpec second = ChestCtSpec.multiFrameBuilder().seed(1).size(Size.of(64, 64, 12)).noduleCount(1).build();
        specs.add(second);
        phantoms.add(Phantoms.writeMultiFrame(root.resolve("dicom/mf-1"), second));
        DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(root.resolve("dicom")), TaskContext.none());
        catalog.studies().upsert(index, root.resolve("dicom").toString());
        dataset = catalog.datasets().create(DATASET, "generated chest CTs", null);
        catalog.labelClasses().define(dataset.id(), "lung", "#3CB44B", LabelType.MASK, LUNG, null);
        catalog.labelClasses().define(dataset.id(), "nodule", "#E6194B", LabelType.MASK, NODULE, null);
        long author = catalog.people().ensure("ground truth", true, false).id();
        for (PhantomResult phantom : phantoms) {
            var geometry = new StackPlanner().plan(index.seriesByUid(phantom.seriesInstanceUid()).orElseThrow()).geometry();
            LabelMask mask = NiftiMasks.onGrid(new NiftiReader().read(phantom.labelVolumeFile()), geometry, PhantomCases::catalogValue);
            LabelledCases.add(catalog, dataset, phantom.seriesInstanceUid(), new MaskPayload(mask, geometry), author,
                    new Origin.Imported("phantom ground truth"), "ground truth");
        }
    }

    /** Phantom label → catalog mask value: lung 2, every nodule (10 + id) 9, the rest nothing. */
    static int catalogValue(int phantomLabel) {
        return phantomLabel == 2 ? LUNG : phantomLabel >= 10 ? NODULE : 0;
    }

    /** Phantom label → exported value: background 0, lung 1, nodule 2 (consecutive, in mask-value order). */
    static int exportedValue(int phantomLabel) {
        return phantomLabel == 2 ? 1 : phantomLabel >= 10 ? 2 : 0;
    }

    DatasetExport exporter() throws IOException {
        SeriesVolumes volumes = new SeriesVolumes(catalog.studies(), new Indexer(pools.io(), 2),
                new SeriesLoader(pools.decode(), pools.decodeThreads(), new PixelCache(64L << 20)));
        return new DatasetExport(catalog, new KeyedIdentities(KEY), volumes, pools.decode(), pools.decodeThreads());
    }

    @Override
    public void close() {
        catalog.close();
        pools.close();
    }
}
