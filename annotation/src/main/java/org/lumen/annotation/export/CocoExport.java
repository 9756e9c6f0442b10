// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.deid.Identities;
import org.lumen.annotation.deid.RecordingIdentities;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.render.PngWriter;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * COCO for 2D trainers: every slice that a saved box or point touches, as an 8-bit PNG in the chosen
 * window, and per split {@code annotations/instances_SPLIT.json} with the {@code info} block
 * (pycocotools requires it), {@code images}, {@code categories} and {@code annotations}: a box as its
 * {@code bbox} on each slice it spans (and that rectangle as its {@code segmentation}), a point as a
 * keypoint with a zero-size box. Pixel coordinates follow COCO: the top-left corner of the image is
 * (0, 0), so pixel (i, j) has its centre at (i + 0.5, j + 0.5). Lines have no COCO form and are
 * counted as left out. Cases, names, split and atomicity are those of the volume formats.
 */
final class CocoExport {

    private final Catalog catalog;
    private final Identities identities;
    private final SeriesVolumes volumes;

    CocoExport(Catalog catalog, Identities identities, SeriesVolumes volumes) {
        this.catalog = catalog;
        this.identities = identities;
        this.volumes = volumes;
    }

    /** A COCO annotation on one slice of one case. */
    private record Shape(int slice, String category, double[] bbox, double[] keypoint) { }

    ExportSummary run(ExportRequest request, TaskContext task) throws Exception {
        long start = System.nanoTime();
        Path out = StagedFolder.check(request.out());
        RecordingIdentities recording = new RecordingIdentities(identities);
        CasePlanner.Plan plan = CasePlanner.plan(catalog, request.dataset(), recording, request.fractions(), request.seed(),
                AnnotationKind.VECTOR);
        List<String> categories = new ArrayList<>();
        for (LabelClass c : catalog.labelClasses().of(plan.dataset().id())) {
            if (c.type() == org.lumen.annotation.catalog.LabelType.BOX || c.type() == org.lumen.annotation.catalog.LabelType.POINT) {
                categories.add(c.name());
            }
        }
        Map<Split, ObjectNode> files = new EnumMap<>(Split.class);
        List<ExportedCase> written = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>(plan.leftOut());
        double[] seconds = new double[2];
        long[] ids = {0, 0};
        StagedFolder.build(out, staging -> {
            EachCase.run(plan.cases(), task, "", c -> {
                long t0 = System.nanoTime();
                CaseImage image = volumes.load(c.seriesUid(), "case " + c.caseId(), task);
                if (image.burnedInText() != null) {
                    leftOut.add(DatasetExport.heldBack(c, image));
                    return;
                }
                List<Shape> shapes = new ArrayList<>();
                int lines = shapes(c, image.geometry(), shapes, categories);
                if (lines > 0) {
                    leftOut.add(new LeftOut(c.seriesUid(), c.position(), lines + " line(s) of case " + c.caseId()
                            + " left out: COCO has no form for a line"));
                }
                WindowPreset window = window(request.window(), image.modality());
                long t1 = System.nanoTime();
                ObjectNode coco = files.computeIfAbsent(c.split(), s -> cocoFile(plan.dataset().name(), s, window, categories));
                Map<Integer, Long> imageIds = new TreeMap<>();
                for (Shape s : shapes) {
                    imageIds.computeIfAbsent(s.slice(), k -> ++ids[0]);
                }
                VolumeGeometry g = image.geometry();
                Path folder = Files.createDirectories(staging.resolve("images").resolve(c.split().word()));
                for (Map.Entry<Integer, Long> e : imageIds.entrySet()) {
                    String name = String.format(Locale.ROOT, "%s_%04d.png", c.caseId(), e.getKey());
                    PngWriter.writeGray(windowed(image, e.getKey(), window), g.columns(), g.rows(), folder.resolve(name));
                    coco.withArray("images").addObject().put("id", e.getValue()).put("file_name", c.split().word() + "/" + name)
                            .put("width", g.columns()).put("height", g.rows());
                }
                Map<String, Long> counts = new LinkedHashMap<>();
                categories.forEach(name -> counts.put(name, 0L));
                for (Shape s : shapes) {
                    ObjectNode a = coco.withArray("annotations").addObject();
                    a.put("id", ++ids[1]);
                    a.put("image_id", imageIds.get(s.slice()));
                    a.put("category_id", categories.indexOf(s.category()) + 1);
                    ArrayNode bbox = a.putArray("bbox");
                    for (double v : s.bbox()) {
                        bbox.add(round(v));
                    }
                    a.put("area", round(s.bbox()[2] * s.bbox()[3]));
                    a.put("iscrowd", 0);
                    if (s.keypoint() != null) {
                        a.putArray("keypoints").add(round(s.keypoint()[0])).add(round(s.keypoint()[1])).add(2);
                        a.put("num_keypoints", 1);
                        a.putArray("segmentation");
                    } else {
                        double x0 = s.bbox()[0];
                        double y0 = s.bbox()[1];
                        double x1 = x0 + s.bbox()[2];
                        double y1 = y0 + s.bbox()[3];
                        a.putArray("segmentation").addArray().add(round(x0)).add(round(y0)).add(round(x1)).add(round(y0))
                                .add(round(x1)).add(round(y1)).add(round(x0)).add(round(y1));
                    }
                    counts.merge(s.category(), 1L, Long::sum);
                }
                long t2 = System.nanoTime();
                seconds[0] += (t1 - t0) / 1e9;
                seconds[1] += (t2 - t1) / 1e9;
                written.add(new ExportedCase(c.caseId(), c.patient(), c.split(), "images/" + c.split().word() + "/",
                        "annotations/instances_" + c.split().word() + ".json", image.modality(), image.manufacturer(),
                        image.sliceThicknessMm(), new double[] {g.columnSpacing(), g.rowSpacing(), g.sliceSpacing()},
                        new int[] {g.columns(), g.rows(), g.slices()}, counts));
            });
            if (written.isEmpty()) {
                throw new IOException("no case of dataset " + plan.dataset().name() + " could be exported: " + leftOut.getLast().why());
            }
            Path annotations = Files.createDirectories(staging.resolve("annotations"));
            for (Map.Entry<Split, ObjectNode> e : files.entrySet()) {
                categories(e.getValue(), categories);
                ExportJson.write(annotations.resolve("instances_" + e.getKey().word() + ".json"), e.getValue());
            }
            Manifest.write(staging, request, categories, "annotations:", written);
            return null;
        });
        catalog.deidMap().record(recording.uids(), recording.patients());
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int n = 0; n < categories.size(); n++) {
            labels.put(categories.get(n), n + 1);
        }
        return new ExportSummary(out, out, request.format(), written, leftOut, labels, seconds[0], seconds[1],
                (System.nanoTime() - start) / 1e9);
    }

    /** The case's boxes and points as COCO shapes per slice; returns how many lines were skipped. */
    private int shapes(CasePlan c, VolumeGeometry g, List<Shape> shapes, List<String> categories) throws IOException {
        var revision = catalog.annotations().revision(c.revisionId()).orElseThrow(() -> new IOException(
                "case " + c.caseId() + ": its revision " + c.revisionId() + " is gone from the catalog"));
        if (!(revision.payload() instanceof VectorPayload vectors)) {
            throw new IOException("case " + c.caseId() + ": its annotation " + c.annotationId() + " holds no shapes");
        }
        int lines = 0;
        for (VectorLabel label : vectors.labels()) {
            if (!categories.contains(label.labelClass())) {
                categories.add(label.labelClass());
            }
            switch (label) {
                case BoxLabel box -> {
                    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
                    double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
                    for (Vec3 corner : box.corners()) {
                        double[] v = g.toVoxel(corner);
                        for (int a = 0; a < 3; a++) {
                            min[a] = Math.min(min[a], v[a]);
                            max[a] = Math.max(max[a], v[a]);
                        }
                    }
                    // The slices whose centre lies within the box; a flat box lies on the one nearest to it.
                    int first = Math.max(0, (int) Math.ceil(min[2] - 1e-6));
                    int last = Math.min(g.slices() - 1, (int) Math.floor(max[2] + 1e-6));
                    if (first > last) {
                        first = last = (int) Math.clamp(Math.round((min[2] + max[2]) / 2), 0, g.slices() - 1);
                    }
                    double x0 = Math.clamp(min[0] + 0.5, 0, g.columns());
                    double y0 = Math.clamp(min[1] + 0.5, 0, g.rows());
                    double x1 = Math.clamp(max[0] + 0.5, 0, g.columns());
                    double y1 = Math.clamp(max[1] + 0.5, 0, g.rows());
                    for (int k = first; k <= last; k++) {
                        shapes.add(new Shape(k, box.labelClass(), new double[] {x0, y0, x1 - x0, y1 - y0}, null));
                    }
                }
                case PointLabel point -> {
                    double[] v = g.toVoxel(point.position());
                    int k = (int) Math.round(v[2]);
                    if (k >= 0 && k < g.slices()) {
                        shapes.add(new Shape(k, point.labelClass(), new double[] {v[0] + 0.5, v[1] + 0.5, 0, 0},
                                new double[] {v[0] + 0.5, v[1] + 0.5}));
                    }
                }
                default -> lines++;
            }
        }
        return lines;
    }

    private static ObjectNode cocoFile(String dataset, Split split, WindowPreset window, List<String> categories) {
        ObjectNode coco = ExportJson.object();
        ObjectNode info = coco.putObject("info");
        info.put("description", "Dataset " + dataset + " (" + split.word() + ") exported by Lumen; PNG window " + window.name()
                + String.format(Locale.ROOT, " (C %.0f, W %.0f)", window.center(), window.width()));
        info.put("version", "1.0");
        info.put("year", java.time.Year.now().getValue());
        info.put("contributor", "Lumen");
        info.put("date_created", java.time.LocalDate.now().toString());
        coco.putArray("licenses");
        coco.putArray("images");
        coco.putArray("annotations");
        coco.putArray("categories");
        return coco;
    }

    /** Fills each file's categories at the end: shapes may bring classes the dataset does not list. */
    private static void categories(ObjectNode coco, List<String> categories) {
        ArrayNode list = coco.putArray("categories");
        for (int n = 0; n < categories.size(); n++) {
            list.addObject().put("id", n + 1).put("name", categories.get(n)).put("supercategory", "finding")
                    .putArray("keypoints").add("point");
        }
    }

    /** The chosen window: a preset of the modality or "CENTER,WIDTH"; by default the modality's first preset. */
    static WindowPreset window(String wanted, String modality) {
        List<WindowPreset> presets = WindowPresets.forSeries(modality, List.of());
        if (wanted == null || wanted.isBlank()) {
            return presets.isEmpty() ? new WindowPreset("full", 0, 0) : presets.getFirst();
        }
        return WindowPresets.find(wanted, presets).or(() -> WindowPresets.parseCenterWidth(wanted)).orElseThrow(() ->
                new IllegalArgumentException("unknown window '" + wanted + "': use CENTER,WIDTH or one of "
                        + String.join(", ", presets.stream().map(WindowPreset::name).toList())));
    }

    /** Slice k as 8-bit grey in the window (width 0: the slice's own range). */
    private static byte[] windowed(CaseImage image, int k, WindowPreset window) {
        VolumeGeometry g = image.geometry();
        int plane = g.columns() * g.rows();
        double[] values = new double[plane];
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int p = 0; p < plane; p++) {
            int at = k * plane + p;
            double v = image.shorts() != null
                    ? (image.type() == org.lumen.viewer.volume.VoxelType.UINT16 ? image.shorts()[at] & 0xFFFF : image.shorts()[at])
                    : image.floats()[at];
            values[p] = v;
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        if (window.width() > 0) {
            low = window.lower();
            high = window.upper();
        }
        double scale = high > low ? 255 / (high - low) : 0;
        byte[] grey = new byte[plane];
        for (int p = 0; p < plane; p++) {
            grey[p] = (byte) Math.clamp(Math.round((values[p] - low) * scale), 0, 255);
        }
        return grey;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
