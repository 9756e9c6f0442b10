// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.lumen.viewer.dicom.DicomImageWriter;
import org.lumen.viewer.dicom.SeriesDescriptor;
import org.lumen.viewer.dicom.SliceDescriptor;
import org.lumen.viewer.dicom.SliceGeometry;
import org.lumen.viewer.geometry.Vec3;

/**
 * A one-image localizer of a phantom, as a scanner takes before the axial series: the mean value along the
 * slices' column direction (front to back for an axial phantom), one image row per slice, highest slice on top.
 */
final class ScoutWriter {

    /** Series number 0: listed before the phantom's own series (number 1), as scanners number their scouts first. */
    static final int SERIES_NUMBER = 0;

    Path write(Path folder, SliceRenderer renderer, SeriesDescriptor phantomSeries, PhantomIdentity identity) throws IOException {
        VoxelGrid grid = renderer.grid();
        int columns = grid.size().columns();
        int rows = grid.size().rows();
        int slices = grid.size().slices();
        short[] scout = new short[slices * columns];
        ParallelSlices.forEach(slices, k -> {
            short[] slice = new short[rows * columns];
            renderer.render(k, slice, null, 0);
            int scoutRow = slices - 1 - k;
            for (int i = 0; i < columns; i++) {
                long sum = 0;
                for (int j = 0; j < rows; j++) {
                    sum += slice[j * columns + i];
                }
                scout[scoutRow * columns + i] = (short) Math.round((double) sum / rows);
            }
        });
        StoredValues.fromModality(scout, 0, scout.length, phantomSeries.encoding());
        Vec3 down = grid.orientation().normal().times(-1);
        SliceGeometry geometry = new SliceGeometry(slices, columns, grid.orientation().rowDirection(), down,
                grid.sliceSpacingMm(), grid.columnSpacingMm(), grid.rowSpacingMm() * rows, OptionalDouble.empty());
        SeriesDescriptor series = new SeriesDescriptor(phantomSeries.patient(), phantomSeries.study(),
                identity.scoutSeriesInstanceUid(), SERIES_NUMBER, "Scout", phantomSeries.modality(), phantomSeries.frameOfReferenceUid(),
                phantomSeries.bodyPartExamined(), geometry, phantomSeries.encoding(), phantomSeries.windows());
        Vec3 topLeft = grid.slicePosition(slices - 1).plus(grid.rowStep().times((rows - 1) / 2.0));
        String uid = identity.scoutSopInstanceUid();
        Path file = folder.resolve(SliceSeriesWriter.fileName(uid));
        new DicomImageWriter().writeLocalizer(file, series, new SliceDescriptor(uid, 1, topLeft), scout);
        return file;
    }
}
