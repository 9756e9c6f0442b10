// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lumen.annotation.catalog.AnnotationRevision;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.InstanceRecord;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.deid.ConfidentialityProfile;
import org.lumen.annotation.deid.DeidSettings;
import org.lumen.annotation.deid.Identities;
import org.lumen.annotation.deid.RecordingIdentities;
import org.lumen.annotation.dicom.DicomDeidentifier;
import org.lumen.annotation.dicom.MeasurementReportExport;
import org.lumen.annotation.dicom.SegmentationExport;
import org.lumen.annotation.exchange.AlgorithmType;
import org.lumen.annotation.exchange.ReportGroup;
import org.lumen.annotation.exchange.ReportGroups;
import org.lumen.annotation.exchange.ReviewDecision;
import org.lumen.annotation.exchange.SegmentDefinition;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;

/**
 * A dataset as DICOM that can leave the hospital: per case, the series de-identified with the Basic Profile (the
 * same engine and site key as {@code lumen deid}, so the same original gets the same UIDs in every export), its
 * label mask as a DICOM SEG and its AI findings, decisions and measurements as a TID 1500 SR, both written against
 * the de-identified series, so their references, frame of reference and patient are the de-identified ones.
 * Who decided becomes "Reader N" and when a dummy date, as the profile does with staff names and dates.
 * Layout: {@code OUT/SPLIT/CASE/images/*.dcm}, {@code SEG.dcm}, {@code SR.dcm}, and the manifest; built aside
 * and renamed into place like the other formats.
 */
final class DicomDatasetExport {

    /** The Basic Profile's dummy for a date that has to be there. */
    static final Instant DUMMY_TIME = Instant.parse("1900-01-01T00:00:00Z");
    /** Why a case on a single 2D image (a radiograph, a photograph) is left out of a DICOM export. */
    static final String NOT_A_VOLUME = "its images are not a volume with a Frame of Reference (a radiograph or a photograph):"
            + " Lumen writes DICOM SEG and SR on volumes only";

    private final Catalog catalog;
    private final Identities identities;
    private final Indexer indexer;

    DicomDatasetExport(Catalog catalog, Identities identities, Indexer indexer) {
        this.catalog = catalog;
        this.identities = identities;
        this.indexer = indexer;
    }

    ExportSummary run(ExportRequest request, TaskContext task) throws Exception {
        long start = System.nanoTime();
        Path out = StagedFolder.check(request.out());
        RecordingIdentities recording = new RecordingIdentities(identities);
        CasePlanner.Plan plan = CasePlanner.plan(catalog, request.dataset(), recording, request.fractions(), request.seed());
        DicomDeidentifier deidentifier = new DicomDeidentifier(ConfidentialityProfile.standard(), DeidSettings.BASIC, recording,
                "Lumen dataset export: PS3.15 Basic Profile");
        List<ExportedCase> written = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>(plan.leftOut());
        Map<String, String> readers = new HashMap<>();
        double[] seconds = new double[2];
        StagedFolder.build(out, staging -> {
            EachCase.run(plan.cases(), task, " as DICOM", c -> {
                long t0 = System.nanoTime();
                Path caseFolder = staging.resolve(c.split().word()).resolve(c.caseId());
                Path images = caseFolder.resolve("images");
                Files.createDirectories(images);
                String held = deidentify(c, deidentifier, images);
                if (held != null) {
                    org.lumen.io.Folders.deleteTree(caseFolder);
                    leftOut.add(new LeftOut(c.seriesUid(), c.position(), held));
                    return;
                }
                StackPlan deidentified = plan(images, c);
                if (SourceSeries.whyNotPlaceable(deidentified) != null) {
                    // A radiograph or photograph: left out with its reason (no UID in it: the manifest is shared), the
                    // other cases still exported.
                    org.lumen.io.Folders.deleteTree(caseFolder);
                    leftOut.add(new LeftOut(c.seriesUid(), c.position(), NOT_A_VOLUME));
                    return;
                }
                SourceSeries source = SourceSeries.of(deidentified);
                long t1 = System.nanoTime();
                MaskPayload mask = mask(c);
                List<LabelClass> classes = plan.classes().classes();
                SegmentationExport.write(source, mask, SegmentDefinition.forMask(classes, mask.mask(), AlgorithmType.MANUAL, null),
                        new SegmentationExport.Description("Labels of " + plan.dataset().name(), 900, "LABELS",
                                "Lumen dataset " + plan.dataset().name(), "Lumen", "Lumen"), caseFolder.resolve("SEG.dcm"));
                List<ReportGroup> groups = anonymousReaders(ReportGroups.ofSeries(catalog, c.seriesUid(), source.frameOfReferenceUid(),
                        plan.dataset().id(), ReportGroups.RunImages.of(deidentified, recording::uid)), readers);
                if (!groups.isEmpty()) {
                    MeasurementReportExport.write(source, groups, new MeasurementReportExport.Description("Findings of "
                            + plan.dataset().name(), 901, "Lumen^Export", procedure(deidentified), "Lumen"), caseFolder.resolve("SR.dcm"));
                }
                seconds[0] += (t1 - t0) / 1e9;
                seconds[1] += (System.nanoTime() - t1) / 1e9;
                var g = deidentified.geometry();
                written.add(new ExportedCase(c.caseId(), c.patient(), c.split(), staging.relativize(images).toString(),
                        staging.relativize(caseFolder.resolve("SEG.dcm")).toString(), deidentified.frames().getFirst().instance().series().modality(),
                        null, null, new double[] {g.columnSpacing(), g.rowSpacing(), g.sliceSpacing()},
                        new int[] {g.columns(), g.rows(), g.slices()}, voxels(mask, plan.classes())));
            });
            if (written.isEmpty()) {
                throw new IOException("no case of dataset " + plan.dataset().name() + " could be exported: " + leftOut.getLast().why());
            }
            Manifest.write(staging, request, plan.classes().names(), "voxels:", written);
            return null;
        });
        catalog.deidMap().record(recording.uids(), recording.patients());
        return new ExportSummary(out, out, request.format(), written, leftOut, plan.classes().labels(), seconds[0], seconds[1],
                (System.nanoTime() - start) / 1e9);
    }

    /** De-identifies the case's files into {@code images}; returns why when one is held back (its pixels may show text). */
    private String deidentify(CasePlan c, DicomDeidentifier deidentifier, Path images) throws IOException {
        List<Path> files = catalog.studies().instances(c.seriesUid()).stream().map(InstanceRecord::file).toList();
        if (files.isEmpty()) {
            throw new IOException("case " + c.caseId() + ": the catalog knows no files of its series; open its study again to re-index it");
        }
        int n = 0;
        for (Path file : files) {
            if (file == null || !Files.isRegularFile(file)) {
                throw new IOException("case " + c.caseId() + ": file " + file + " of its series is missing; open its study again");
            }
            var outcome = deidentifier.deidentify(file, images.resolve(String.format(Locale.ROOT, "%05d.dcm", ++n)));
            if (outcome instanceof DicomDeidentifier.HeldBack h) {
                return "held back: its pixels may show identifying text (" + h.why() + ")";
            }
            if (outcome instanceof DicomDeidentifier.LeftOut l) {
                return l.why();
            }
        }
        return null;
    }

    private StackPlan plan(Path images, CasePlan c) throws IOException {
        DicomIndex index = indexer.index(new FolderSource(images), TaskContext.none());
        List<Series> series = index.allSeries();
        if (series.size() != 1) {
            throw new IOException("case " + c.caseId() + ": its de-identified files hold " + series.size() + " series, not one");
        }
        return new StackPlanner().plan(series.getFirst());
    }

    private MaskPayload mask(CasePlan c) throws IOException {
        AnnotationRevision revision = catalog.annotations().revision(c.revisionId()).orElseThrow(() -> new IOException(
                "case " + c.caseId() + ": its mask revision " + c.revisionId() + " is gone from the catalog"));
        if (!(revision.payload() instanceof MaskPayload mask)) {
            throw new IOException("case " + c.caseId() + ": its annotation " + c.annotationId() + " holds no mask");
        }
        return mask;
    }

    /** Readers become "Reader 1", "Reader 2", … (the same person the same number in one export); times the profile's dummy. */
    static List<ReportGroup> anonymousReaders(List<ReportGroup> groups, Map<String, String> readers) {
        List<ReportGroup> out = new ArrayList<>();
        for (ReportGroup g : groups) {
            ReviewDecision d = g.decision();
            ReviewDecision anonymous = d == null ? null : new ReviewDecision(d.decision(),
                    readers.computeIfAbsent(d.byWhom(), who -> "Reader^" + (readers.size() + 1)), DUMMY_TIME, null);
            out.add(new ReportGroup(g.trackingId(), g.trackingUid(), g.finding(), g.region(), g.frameOfReferenceUid(), g.values(), g.model(),
                    anonymous, g.image()));
        }
        return out;
    }

    /** Voxels per class name (background first), as the volume formats' manifests count them. */
    private static Map<String, Long> voxels(MaskPayload mask, ExportClasses classes) {
        long[] counts = mask.mask().counts();
        Map<String, Long> named = new java.util.LinkedHashMap<>();
        named.put("background", counts[0]);
        for (LabelClass c : classes.classes()) {
            named.put(c.name(), counts[c.maskValue()]);
        }
        return named;
    }

    private static org.lumen.annotation.catalog.Code procedure(StackPlan plan) {
        String modality = plan.frames().getFirst().instance().series().modality();
        return "CT".equals(modality) ? MeasurementReportExport.Description.CT
                : "MR".equals(modality) ? MeasurementReportExport.Description.MR : MeasurementReportExport.Description.IMAGING;
    }
}
