// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.lumen.viewer.dicom.DicomImageWriter;
import org.lumen.viewer.dicom.SeriesDescriptor;
import org.lumen.viewer.dicom.SliceDescriptor;

/**
 * Writes a phantom as single-frame DICOM files, one per slice, rendered and written in parallel.
 * Files are named by a hash of their SOP Instance UID, so sorting them by name does not sort them
 * by position; InstanceNumber does follow position, as scanners number them.
 */
final class SliceSeriesWriter {

    private final DicomImageWriter writer = new DicomImageWriter();

    /**
     * @param labels receives every slice's labels (the whole grid), or null
     * @return the files in slice order
     */
    List<Path> write(Path folder, SliceRenderer renderer, SeriesDescriptor series, PhantomIdentity identity,
                     byte[] labels) throws IOException {
        VoxelGrid grid = renderer.grid();
        int pixels = grid.size().pixelsPerSlice();
        Path[] files = new Path[grid.size().slices()];
        ParallelSlices.forEach(files.length, k -> {
            short[] values = new short[pixels];
            renderer.render(k, values, labels, k * pixels);
            StoredValues.fromModality(values, 0, pixels, series.encoding());
            String uid = identity.sopInstanceUid(k);
            Path file = folder.resolve(fileName(uid));
            writer.writeSlice(file, series, new SliceDescriptor(uid, k + 1, grid.slicePosition(k)), values);
            files[k] = file;
        });
        return Arrays.asList(files);
    }

    /** A file name that says nothing about the slice's position. */
    static String fileName(String sopInstanceUid) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sopInstanceUid.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 8) + ".dcm";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
