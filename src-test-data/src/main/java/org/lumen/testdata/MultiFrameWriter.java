// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.dicom.DicomImageWriter;
import org.lumen.viewer.dicom.MultiFrameDescriptor;
import org.lumen.viewer.dicom.SeriesDescriptor;
import org.lumen.viewer.geometry.Vec3;

/** Writes a phantom as one enhanced multi-frame DICOM image, one frame per slice, frames rendered in parallel. */
final class MultiFrameWriter {

    private final DicomImageWriter writer = new DicomImageWriter();

    /**
     * @param labels receives every slice's labels (the whole grid), or null
     * @return the one file written
     */
    Path write(Path folder, SliceRenderer renderer, SeriesDescriptor series, PhantomIdentity identity, byte[] labels)
            throws IOException {
        VoxelGrid grid = renderer.grid();
        int pixels = grid.size().pixelsPerSlice();
        int frames = grid.size().slices();
        short[] values = new short[Math.multiplyExact(pixels, frames)];
        ParallelSlices.forEach(frames, k -> {
            short[] frame = new short[pixels];
            renderer.render(k, frame, labels, k * pixels);
            System.arraycopy(frame, 0, values, k * pixels, pixels);
        });
        StoredValues.fromModality(values, 0, values.length, series.encoding());
        List<Vec3> positions = new ArrayList<>(frames);
        for (int k = 0; k < frames; k++) {
            positions.add(grid.slicePosition(k));
        }
        String uid = identity.sopInstanceUid(0);
        Path file = folder.resolve(SliceSeriesWriter.fileName(uid));
        writer.writeMultiFrame(file, series, new MultiFrameDescriptor(uid, 1, positions), values);
        return file;
    }
}
