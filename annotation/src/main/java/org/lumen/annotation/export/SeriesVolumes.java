// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lumen.annotation.catalog.InstanceRecord;
import org.lumen.annotation.catalog.StudyIndexStore;
import org.lumen.annotation.deid.BurnedInText;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.TagTreeReader;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.VoxelType;

/**
 * Loads a catalog series as the viewer does: its files from the catalog's index, indexed, stacked by
 * the {@link StackPlanner} and decoded by the {@link SeriesLoader} on the decode pool, then copied into
 * one array. A series that cannot become one evenly spaced volume is refused with the reason.
 */
public final class SeriesVolumes {

    private final StudyIndexStore index;
    private final Indexer indexer;
    private final SeriesLoader loader;

    public SeriesVolumes(StudyIndexStore index, Indexer indexer, SeriesLoader loader) {
        this.index = index;
        this.indexer = indexer;
        this.loader = loader;
    }

    /** The indexer the series' files are read with. */
    Indexer indexer() {
        return indexer;
    }

    /** @param what how the series is called in messages (its case name) */
    public CaseImage load(String seriesUid, String what, TaskContext task) throws Exception {
        List<Path> files = index.instances(seriesUid).stream().map(InstanceRecord::file).toList();
        if (files.isEmpty()) {
            throw new IOException(what + ": the catalog knows no files of its series; open its study again to re-index it");
        }
        for (Path file : files) {
            if (file == null || !Files.isRegularFile(file)) {
                throw new IOException(what + ": file " + file + " of its series is missing; open its study again to re-index it");
            }
        }
        DicomIndex found = indexer.index(new FileSource(files), TaskContext.none());
        Series series = found.seriesByUid(seriesUid).orElseThrow(() -> new IOException(what
                + ": its files no longer hold its series (" + files.getFirst() + " and others)"));
        StackPlan plan = new StackPlanner().plan(series);
        if (plan.frames().isEmpty()) {
            throw new IOException(what + ": its series has no images (" + String.join("; ", plan.notes()) + ")");
        }
        var first = plan.frames().getFirst();
        Map<Integer, String> values = values(first.instance().file(), MANUFACTURER, BURNED_IN_ANNOTATION);
        String risk = BurnedInText.risk(values.get(BURNED_IN_ANNOTATION), series.modality(), first.instance().sopClassUid(),
                first.instance().imageType()).orElse(null);
        Double thickness = first.plane() == null ? null : first.plane().sliceThickness();
        if (risk != null) {
            // Not decoded: these pixels are not going out.
            return new CaseImage(plan.geometry(), null, null, null, series.modality(), values.get(MANUFACTURER), thickness, risk);
        }
        if (plan.sliceCount() > 1 ? !plan.isRegular() : !plan.geometry().isRegular()) {
            throw new IOException(what + ": its slices are not one evenly spaced volume (" + plan.geometry().describeSpacing()
                    + "); a NIfTI affine cannot hold them");
        }
        try (Volume volume = loader.open(plan)) {
            loader.loadTask(volume, 0).run(new CancelOnly(task));
            task.checkCancelled();
            Map<Integer, String> failures = volume.failures();
            if (!failures.isEmpty()) {
                var failure = failures.entrySet().iterator().next();
                throw new IOException(what + ": " + failures.size() + " slice(s) could not be read (slice " + failure.getKey() + ": "
                        + failure.getValue() + ")");
            }
            VoxelType type = volume.voxelType();
            if (type == VoxelType.RGB) {
                throw new IOException(what + ": its images are in colour; trainer formats take grey-level volumes");
            }
            int plane = plan.geometry().columns() * plan.geometry().rows();
            int slices = volume.sliceCount();
            short[] shorts = type == VoxelType.FLOAT32 ? null : new short[Math.multiplyExact(plane, slices)];
            float[] floats = type == VoxelType.FLOAT32 ? new float[Math.multiplyExact(plane, slices)] : null;
            for (int k = 0; k < slices; k++) {
                VoxelSlice slice = volume.slice(k);
                if (shorts != null) {
                    System.arraycopy(slice.shorts(), 0, shorts, k * plane, plane);
                } else {
                    System.arraycopy(slice.floats(), 0, floats, k * plane, plane);
                }
            }
            return new CaseImage(plan.geometry(), type, shorts, floats, series.modality(), values.get(MANUFACTURER), thickness, null);
        } catch (UnusableFileException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }

    /** Manufacturer (0008,0070). */
    private static final int MANUFACTURER = 0x00080070;
    /** Burned In Annotation (0028,0301). */
    private static final int BURNED_IN_ANNOTATION = 0x00280301;

    /** Top-level text values of the file by tag; absent where the file has none or cannot be read (they describe, they are not needed). */
    static Map<Integer, String> values(Path file, int... tags) {
        try {
            return TagTreeReader.topLevelValues(file, tags);
        } catch (UnusableFileException e) {
            return Map.of();
        }
    }

    /** The export's cancel reaches the slice decoding; the slices' progress does not replace the cases'. */
    private record CancelOnly(TaskContext task) implements TaskContext {
        @Override
        public void progress(long done, long total) { }

        @Override
        public void message(String message) { }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }
    }
}
