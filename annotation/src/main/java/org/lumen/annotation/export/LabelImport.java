// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lumen.annotation.catalog.AnnotationRevision;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.InstanceRecord;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.dicom.SegmentationImport;
import org.lumen.annotation.exchange.ImportedSegment;
import org.lumen.annotation.exchange.ImportedSegmentation;
import org.lumen.annotation.exchange.SourceImage;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.NiftiMasks;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.nifti.NiftiImage;
import org.lumen.viewer.nifti.NiftiReader;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;

/**
 * Brings a label mask made elsewhere into a dataset of the catalog as a new annotation on a series the catalog
 * knows, with its origin recorded ({@code Origin.Imported} naming the file): a DICOM SEG (placed on the series it
 * references, frame by frame, by plane position or source instance; each segment a class of the dataset, made
 * with the segment's name and colour where the dataset has no class of that name) or a NIfTI label volume (each
 * voxel of the series' grid takes the label of the nearest NIfTI voxel through both affines; values must be the
 * mask values of the dataset's classes).
 */
public final class LabelImport {

    /** What was imported, onto which series, and how the labels landed. */
    public record Imported(String seriesUid, String kind, long annotationId, long revisionId, Map<String, Long> voxels, int unplacedFrames) { }

    private final Catalog catalog;
    private final Indexer indexer;

    public LabelImport(Catalog catalog, Indexer indexer) {
        this.catalog = catalog;
        this.indexer = indexer;
    }

    /**
     * @param seriesUid the series the labels belong to; null for a SEG (it names its own)
     * @throws IOException naming the file and why when it cannot be imported
     */
    public Imported importFile(Path file, String datasetName, String seriesUid, long authorId) throws IOException {
        return importFile(file, datasetName, seriesUid, Map.of(), authorId);
    }

    /**
     * @param valueNames for a NIfTI volume whose values are not the dataset's mask values (an nnU-Net label file counts
     *                   1, 2, … as its dataset.json says): which class each value is; empty for the mask values themselves
     */
    public Imported importFile(Path file, String datasetName, String seriesUid, Map<Integer, String> valueNames, long authorId)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("there is no file " + file);
        }
        DatasetRecord dataset = catalog.datasets().byName(datasetName).orElseThrow(() -> new IOException(
                "there is no dataset called " + datasetName + " in the catalog"));
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean nifti = name.endsWith(".nii") || name.endsWith(".nii.gz");
        if (nifti && seriesUid == null) {
            throw new IOException(file + " is a NIfTI volume, which names no series: say which series it labels");
        }
        ImportedSegmentation seg = nifti ? null : SegmentationImport.read(file);
        String series = seriesUid != null ? seriesUid : seg.referencedSeriesUid();
        if (series == null) {
            throw new IOException(file + " names no referenced series: say which series it labels");
        }
        StackPlan plan = plan(series, file);
        LabelMask mask;
        int unplaced = 0;
        if (nifti) {
            Map<Integer, Integer> known = new LinkedHashMap<>();
            List<LabelClass> classes = catalog.labelClasses().of(dataset.id()).stream().filter(c -> c.maskValue() != null).toList();
            if (valueNames.isEmpty()) {
                classes.forEach(c -> known.put(c.maskValue(), c.maskValue()));
            } else {
                for (Map.Entry<Integer, String> e : valueNames.entrySet()) {
                    LabelClass c = classes.stream().filter(x -> x.name().equalsIgnoreCase(e.getValue().strip())).findFirst().orElseThrow(() ->
                            new IOException("dataset " + datasetName + " has no mask class called " + e.getValue()));
                    known.put(e.getKey(), c.maskValue());
                }
            }
            NiftiImage volume = new NiftiReader().read(file);
            if (volume.header().dataType() != org.lumen.viewer.nifti.NiftiDataType.UINT8) {
                throw new IOException(file + " is not a label volume: its voxels are " + volume.header().dataType() + ", not uint8");
            }
            List<Integer> unknown = new ArrayList<>();
            for (int v : presentValues(volume)) {
                if (v != 0 && !known.containsKey(v)) {
                    unknown.add(v);
                }
            }
            mask = NiftiMasks.onGrid(volume, plan.geometry(), v -> known.getOrDefault(v, 0));
            if (!unknown.isEmpty()) {
                throw new IOException(file + " holds label values " + unknown + ", which no class of dataset " + datasetName
                        + " has as its mask value; define those classes first");
            }
        } else {
            SourceSeries source = SourceSeries.of(plan);
            ImportedSegmentation.Placement placement = seg.labelsOn(plan.geometry().rows(), plan.geometry().columns(),
                    source.slices().stream().map(SourceImage::position).toList(),
                    source.slices().stream().map(SourceImage::sopInstanceUid).toList(), 0.05);
            if (placement.placedFrames() == 0) {
                throw new IOException(file + ": none of its frames lies on a slice of series " + series);
            }
            unplaced = placement.unplacedFrames();
            mask = remap(placement.labels(), classesFor(dataset, seg.segments()));
        }
        AnnotationRevision revision = LabelledCases.add(catalog, dataset, series, new MaskPayload(mask, plan.geometry()), authorId,
                new Origin.Imported(file.toAbsolutePath() + (nifti ? " (NIfTI)" : " (DICOM SEG " + seg.sopInstanceUid() + ")")),
                "imported from " + file.getFileName());
        return new Imported(series, nifti ? "NIfTI" : "SEG", revision.info().annotationId(), revision.info().id(), voxels(mask, dataset),
                unplaced);
    }

    private static List<Integer> presentValues(NiftiImage volume) {
        boolean[] seen = new boolean[256];
        long n = volume.header().geometry().voxelCount();
        for (long i = 0; i < n; i++) {
            seen[volume.uint8(i)] = true;
        }
        List<Integer> values = new ArrayList<>();
        for (int v = 0; v < 256; v++) {
            if (seen[v]) {
                values.add(v);
            }
        }
        return values;
    }

    private StackPlan plan(String series, Path file) throws IOException {
        List<Path> files = catalog.studies().instances(series).stream().map(InstanceRecord::file).toList();
        if (files.isEmpty()) {
            throw new IOException(file + " labels series " + series + ", which the catalog does not know: open or import its study first");
        }
        Series found = indexer.index(new FileSource(files), TaskContext.none()).seriesByUid(series).orElseThrow(() -> new IOException(
                "the files the catalog lists for series " + series + " no longer hold it; open its study again"));
        StackPlan plan = new StackPlanner().plan(found);
        if (plan.frames().isEmpty()) {
            throw new IOException("series " + series + " has no images to put labels on");
        }
        return plan;
    }

    /** Segment number → the dataset's mask value for a class of the segment's name (made with its colour if new). */
    private int[] classesFor(DatasetRecord dataset, List<ImportedSegment> segments) {
        int[] lookup = new int[256];
        for (ImportedSegment s : segments) {
            if (s.number() < 1 || s.number() > 255) {
                continue;
            }
            String label = s.label() == null || s.label().isBlank() ? "segment " + s.number() : s.label().strip();
            List<LabelClass> classes = catalog.labelClasses().of(dataset.id());
            Optional<LabelClass> same = classes.stream().filter(c -> c.name().equalsIgnoreCase(label) && c.maskValue() != null).findFirst();
            if (same.isPresent()) {
                lookup[s.number()] = same.get().maskValue();
            } else {
                int free = 1;
                while (free < 256) {
                    int value = free;
                    if (classes.stream().noneMatch(c -> c.maskValue() != null && c.maskValue() == value)) {
                        break;
                    }
                    free++;
                }
                if (free > 255) {
                    throw new IllegalArgumentException("dataset " + dataset.name() + " has no mask value left for segment " + label);
                }
                String colour = s.colour() != null && s.colour().matches("#[0-9A-Fa-f]{6}") ? s.colour() : "#E6194B";
                lookup[s.number()] = catalog.labelClasses().define(dataset.id(), label, colour, LabelType.MASK, free, s.type()).maskValue();
            }
        }
        return lookup;
    }

    private static LabelMask remap(LabelMask labels, int[] lookup) {
        LabelMask out = new LabelMask(labels.columns(), labels.rows(), labels.slices());
        for (int k = 0; k < labels.slices(); k++) {
            byte[] slice = labels.sliceOrNull(k);
            if (slice == null) {
                continue;
            }
            for (int p = 0; p < slice.length; p++) {
                int v = lookup[slice[p] & 0xFF];
                if (v != 0) {
                    out.set(p % labels.columns(), p / labels.columns(), k, v);
                }
            }
        }
        return out;
    }

    private Map<String, Long> voxels(LabelMask mask, DatasetRecord dataset) {
        long[] counts = mask.counts();
        Map<String, Long> named = new LinkedHashMap<>();
        for (LabelClass c : catalog.labelClasses().of(dataset.id())) {
            if (c.maskValue() != null && counts[c.maskValue()] > 0) {
                named.put(c.name(), counts[c.maskValue()]);
            }
        }
        return named;
    }
}
