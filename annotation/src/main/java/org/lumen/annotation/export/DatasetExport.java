// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.lumen.annotation.catalog.AnnotationRevision;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.deid.Identities;
import org.lumen.annotation.deid.RecordingIdentities;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskContext;
import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.nifti.NiftiWriter;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Exports a catalog dataset for a trainer: each labelled case as its series' volume and its latest
 * label mask (classes renumbered 1, 2, … after background 0) in NIfTI with the DICOM geometry's affine,
 * named by the patient's pseudonym, split per patient, with a manifest and the trainer's description
 * files. Nothing that identifies a patient or an image goes out: case names come from the site's
 * de-identification key, which patient became which pseudonym is recorded in the catalog only.
 *
 * <p>The export is built in a hidden sibling folder ({@code .NAME.partial}) and renamed onto
 * {@code out} at the end: a cancelled or failed export leaves no folder that looks like a dataset. Each
 * NIfTI file is deflated on the pool given (every core on one file), cases one after the other.
 */
public final class DatasetExport {

    private final Catalog catalog;
    private final Identities identities;
    private final SeriesVolumes volumes;
    private final NiftiWriter writer;

    /**
     * @param compressPool where the gzip blocks are deflated (the decode pool: compression is CPU work)
     * @param parallelism  that pool's threads
     */
    public DatasetExport(Catalog catalog, Identities identities, SeriesVolumes volumes, Executor compressPool, int parallelism) {
        this.catalog = catalog;
        this.identities = identities;
        this.volumes = volumes;
        this.writer = NiftiWriter.parallel(compressPool, parallelism);
    }

    /** The export as a task: progress is cases written of all cases; cancel stops before the next case and removes everything. */
    public BackgroundTask<ExportSummary> task(ExportRequest request) {
        return BackgroundTask.of("Exporting dataset " + request.dataset() + " for " + request.format().word(), t -> run(request, t));
    }

    public ExportSummary run(ExportRequest request, TaskContext task) throws Exception {
        if (request.format() == ExportFormat.COCO) {
            return new CocoExport(catalog, identities, volumes).run(request, task);
        }
        if (request.format() == ExportFormat.DICOM) {
            return new DicomDatasetExport(catalog, identities, volumes.indexer()).run(request, task);
        }
        long start = System.nanoTime();
        Path out = StagedFolder.check(request.out());
        RecordingIdentities recording = new RecordingIdentities(identities);
        CasePlanner.Plan plan = CasePlanner.plan(catalog, request.dataset(), recording, request.fractions(), request.seed());
        TrainerLayout layout = TrainerLayout.of(request.format(), plan.dataset().name(), request.datasetId());
        double[] seconds = new double[2];
        List<ExportedCase> written = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>(plan.leftOut());
        StagedFolder.build(out, staging -> {
            Path root = layout.datasetFolder().isEmpty() ? staging : staging.resolve(layout.datasetFolder());
            Set<String> modalities = new LinkedHashSet<>();
            EachCase.run(plan.cases(), task, "", c -> {
                long t0 = System.nanoTime();
                CaseImage image = volumes.load(c.seriesUid(), "case " + c.caseId(), task);
                if (image.burnedInText() != null) {
                    // The same rule as lumen deid: pixels that may show a name are not sent out on a header rule's word.
                    leftOut.add(heldBack(c, image));
                    return;
                }
                byte[] labels = labels(c, image.geometry(), plan.classes(), plan.dataset().name());
                long t1 = System.nanoTime();
                String imageFile = layout.image(c);
                String labelFile = layout.label(c);
                Files.createDirectories(root.resolve(imageFile).getParent());
                Files.createDirectories(root.resolve(labelFile).getParent());
                if (request.format() == ExportFormat.IMAGEJ) {
                    Optional<LeftOut> refused = FijiCases.write(catalog, plan, c, image, labels, request.window(), root.resolve(imageFile).getParent());
                    if (refused.isPresent()) {
                        leftOut.add(refused.get());
                        return;
                    }
                } else {
                    writeImage(root.resolve(imageFile), image, c.caseId());
                    writer.writeLabels(root.resolve(labelFile), image.nifti(), labels, "Lumen export " + c.caseId() + " labels");
                }
                long t2 = System.nanoTime();
                seconds[0] += (t1 - t0) / 1e9;
                seconds[1] += (t2 - t1) / 1e9;
                VolumeGeometry g = image.geometry();
                modalities.add(image.modality() == null ? "unknown" : image.modality());
                written.add(new ExportedCase(c.caseId(), c.patient(), c.split(), imageFile, labelFile, image.modality(),
                        image.manufacturer(), image.sliceThicknessMm(),
                        new double[] {g.columnSpacing(), g.rowSpacing(), g.sliceSpacing()}, new int[] {g.columns(), g.rows(), g.slices()},
                        plan.classes().counts(labels)));
            });
            if (written.isEmpty()) {
                throw new IOException("no case of dataset " + plan.dataset().name() + " could be exported: " + leftOut.getLast().why());
            }
            String description = "Dataset " + plan.dataset().name() + " exported by Lumen: " + written.size() + " case(s), split per patient"
                    + " with seed " + request.seed();
            layout.describe(root, new TrainerLayout.ExportContext(plan.dataset().name(), description, plan.classes(),
                    String.join("+", modalities)), written);
            Manifest.write(root, request, plan.classes().names(), "voxels:", written);
            return null;
        });
        // Which patient became which pseudonym stays here, in the site's catalog, never in the export.
        catalog.deidMap().record(recording.uids(), recording.patients());
        Path folder = layout.datasetFolder().isEmpty() ? out : out.resolve(layout.datasetFolder());
        return new ExportSummary(out, folder, request.format(), written, leftOut, plan.classes().labels(), seconds[0], seconds[1],
                (System.nanoTime() - start) / 1e9);
    }

    static LeftOut heldBack(CasePlan c, CaseImage image) {
        return new LeftOut(c.seriesUid(), c.position(), "held back: its pixels may show identifying text (" + image.burnedInText() + ")");
    }

    private void writeImage(Path file, CaseImage image, String caseId) throws IOException {
        NiftiGeometry geometry = image.nifti();
        String description = "Lumen export " + caseId;
        switch (image.type()) {
            case INT16 -> writer.writeInt16(file, geometry, image.shorts(), description);
            case UINT16 -> writer.writeUint16(file, geometry, image.shorts(), description);
            case FLOAT32 -> writer.writeFloat32(file, geometry, image.floats(), description);
            case RGB -> throw new IOException("case " + caseId + ": colour images are not exported");
        }
    }

    /** The case's mask on its series' grid, as exported values; refuses a mask on another grid or with unnamed values. */
    private byte[] labels(CasePlan c, VolumeGeometry grid, ExportClasses classes, String dataset) throws IOException {
        AnnotationRevision revision = catalog.annotations().revision(c.revisionId()).orElseThrow(() -> new IOException(
                "case " + c.caseId() + ": its mask revision " + c.revisionId() + " is gone from the catalog"));
        if (!(revision.payload() instanceof MaskPayload mask)) {
            throw new IOException("case " + c.caseId() + ": its annotation " + c.annotationId() + " holds no mask");
        }
        VolumeGeometry m = mask.geometry();
        if (m.columns() != grid.columns() || m.rows() != grid.rows() || m.slices() != grid.slices()
                || m.origin().distance(grid.origin()) > 0.01 || m.sliceStep().distance(grid.sliceStep()) > 0.01) {
            throw new IOException(String.format(Locale.ROOT, "case %s: its mask (%dx%dx%d) lies on another grid than its series"
                    + " (%dx%dx%d) now; open the case and save its labels again", c.caseId(), m.columns(), m.rows(), m.slices(),
                    grid.columns(), grid.rows(), grid.slices()));
        }
        LabelMask labels = mask.mask();
        int plane = grid.columns() * grid.rows();
        byte[] out = new byte[Math.multiplyExact(plane, grid.slices())];
        for (int k = 0; k < grid.slices(); k++) {
            byte[] slice = labels.sliceOrNull(k);
            if (slice == null) {
                continue;
            }
            for (int p = 0; p < plane; p++) {
                int value = slice[p] & 0xFF;
                if (value != 0) {
                    int exported = classes.exported(value);
                    if (exported < 0) {
                        throw new IOException("case " + c.caseId() + ": its mask has voxels of value " + value
                                + ", which no label class of dataset " + dataset + " has; define that class or clear those voxels");
                    }
                    out[k * plane + p] = (byte) exported;
                }
            }
        }
        return out;
    }
}
