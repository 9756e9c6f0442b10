// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lumen.viewer.dicom.SeriesDescriptor;
import org.lumen.viewer.nifti.NiftiWriter;

/** Writes what goes beside a phantom's DICOM files — the label volume and the ground truth — and reports it all. */
final class PhantomOutput {

    /** The label volume's file name inside the phantom's folder. */
    static final String LABEL_VOLUME = "labels.nii.gz";

    private PhantomOutput() { }

    /**
     * @param files   the DICOM files written, in slice order
     * @param labels  the label of every voxel of the grid
     * @param nodules the nodules (empty when the phantom has none)
     */
    static PhantomResult finish(Path folder, String phantom, long seed, VoxelGrid grid, VoxelModel model,
                                SeriesDescriptor series, double noiseSigma, List<Path> files, byte[] labels,
                                List<Nodule> nodules) throws IOException {
        Path labelFile = folder.resolve(LABEL_VOLUME);
        new NiftiWriter().writeLabels(labelFile, grid.toNiftiGeometry(), labels, phantom + " labels, seed " + seed);
        GroundTruth truth = groundTruth(folder, phantom, seed, grid, model, series, noiseSigma, files, nodules);
        Path truthFile = folder.resolve(GroundTruthFiles.FILE_NAME);
        GroundTruthFiles.write(truthFile, truth);
        return new PhantomResult(folder, files, truthFile, labelFile, truth, nodules);
    }

    private static GroundTruth groundTruth(Path folder, String phantom, long seed, VoxelGrid grid, VoxelModel model,
                                           SeriesDescriptor series, double noiseSigma, List<Path> files,
                                           List<Nodule> nodules) {
        List<String> names = new ArrayList<>(files.size());
        for (Path file : files) {
            names.add(folder.relativize(file).toString());
        }
        List<GroundTruth.NoduleTruth> noduleTruths = new ArrayList<>(nodules.size());
        for (Nodule nodule : nodules) {
            noduleTruths.add(new GroundTruth.NoduleTruth(nodule.id(), nodule.labelValue(), nodule.center().toArray(),
                    rounded(grid.voxelIndex(nodule.center())), nodule.diameterMm(), nodule.hu(), nodule.type() == null ? null : nodule.type().code()));
        }
        Map<String, String> labelNames = new LinkedHashMap<>();
        Map<String, Integer> labelValues = new LinkedHashMap<>();
        model.labelNames().forEach((label, name) -> {
            labelNames.put(String.valueOf(label), name);
            labelValues.put(String.valueOf(label), model.valueOf(label));
        });
        return new GroundTruth(phantom, series.modality().code(), seed, grid.size().toArray(),
                new double[] {grid.columnSpacingMm(), grid.rowSpacingMm(), grid.sliceSpacingMm()},
                series.geometry().sliceThicknessMm(), grid.orientation().toArray(), grid.origin().toArray(),
                series.study().studyInstanceUid(), series.seriesInstanceUid(), series.frameOfReferenceUid(),
                series.encoding().rescaleIntercept(), series.encoding().rescaleSlope(), noiseSigma, names,
                noduleTruths, LABEL_VOLUME, labelNames, labelValues);
    }

    /** Three decimals are plenty for a voxel index and keep the JSON readable. */
    private static double[] rounded(double[] values) {
        double[] out = new double[values.length];
        for (int n = 0; n < values.length; n++) {
            out[n] = Math.round(values[n] * 1000) / 1000.0;
        }
        return out;
    }
}
