// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lumen.annotation.dicom.MeasurementReportImport;
import org.lumen.annotation.dicom.SegmentationImport;
import org.lumen.annotation.dicom.StructureSetImport;
import org.lumen.annotation.exchange.ImportedSegment;
import org.lumen.annotation.exchange.ImportedSegmentation;
import org.lumen.annotation.exchange.ImportedStructureSet;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.ObjectKind;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.overlay.LabelStyle;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.overlay.OverlayLayer;
import org.lumen.viewer.overlay.ParametricMaps;
import org.lumen.viewer.overlay.ResampledHeatmap;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * Shows the DICOM Segmentations, RT Structure Sets and measurement reports of a study over the image
 * series they were drawn on: when a series opens, every SEG, RTSTRUCT and SR of the index in its frame
 * of reference is read (on the I/O lane). A SEG's frames are placed on the series' slices by plane
 * position and shown as an outlined label layer named after the SEG, in the segments' own colours (a
 * SEG that fits none of the slices is not drawn); a structure set's contours and a report's SCOORD3D
 * regions are drawn as outlines (ROI colours; reports in cyan, labelled with tracking id and first value).
 * A parametric map in the frame of reference (decision 0030) is resampled onto the series' slices by patient
 * position and shown as a heatmap named after the map, under the window's heatmap controls.
 */
final class ObjectOverlays {

    private final FxTaskRunner tasks;
    private final ViewportContext viewports;
    private final Predicate<String> onScreen;
    private final Consumer<String> fail;
    /** Puts a parametric map's layer under the window's heatmap controls. */
    private final Consumer<OverlayLayer> heatmapShown;

    ObjectOverlays(FxTaskRunner tasks, ViewportContext viewports, Predicate<String> onScreen, Consumer<String> fail,
                   Consumer<OverlayLayer> heatmapShown) {
        this.heatmapShown = heatmapShown;
        this.tasks = tasks;
        this.viewports = viewports;
        this.onScreen = onScreen;
        this.fail = fail;
    }

    /** One SEG placed on the series: the layer's name and what to draw. */
    private record Placed(String name, ImportedSegmentation.Placement placement, java.util.Map<Integer, Integer> colours) { }

    /** One parametric map resampled onto the series: the layer's name and its values there. */
    private record Map(String name, ResampledHeatmap values) { }

    /** What was read for one series: its SEG layers, parametric maps, and outlines from structure sets and reports. */
    private record Read(List<Placed> segmentations, List<Map> maps, List<OutlineDecoration.Outline> outlines, List<String> unreadable) { }

    private final List<OutlineDecoration> outlines = new ArrayList<>();

    /** Reads and shows the segmentations of {@code index} that lie in {@code volume}'s frame of reference. */
    void shown(DicomIndex index, Volume volume) {
        if (index == null || volume.sliceCount() == 0) {
            return;
        }
        String frame = volume.frame(0).instance().series().frameOfReferenceUid();
        String seriesUid = volume.plan().seriesUid();
        List<Path> files = new ArrayList<>();
        List<Path> structureSets = new ArrayList<>();
        List<Path> reports = new ArrayList<>();
        for (Series s : index.allSeries()) {
            if (s.kind() == ObjectKind.SEGMENTATION && frame != null && frame.equals(s.info().frameOfReferenceUid())) {
                s.instances().stream().map(InstanceHeader::file).forEach(files::add);
            }
            if (s.kind() == ObjectKind.RT_STRUCTURE_SET) {
                s.instances().stream().map(InstanceHeader::file).forEach(structureSets::add);
            }
            if (s.kind() == ObjectKind.STRUCTURED_REPORT) {
                s.instances().stream().map(InstanceHeader::file).forEach(reports::add);
            }
        }
        Series target = index.seriesByUid(seriesUid).orElse(null);
        boolean anyMap = target != null && index.allSeries().stream().anyMatch(ParametricMaps::isMap);
        StackPlan seriesPlan = volume.plan();
        if (files.isEmpty() && structureSets.isEmpty() && reports.isEmpty() && !anyMap) {
            return;
        }
        List<Vec3> positions = volume.plan().frames().stream().map(f -> f.plane().position()).toList();
        List<String> instances = volume.plan().frames().stream().map(FrameRef::instance).map(InstanceHeader::sopInstanceUid).toList();
        int rows = volume.geometry().rows();
        int columns = volume.geometry().columns();
        double tolerance = volume.sliceCount() > 1 ? Math.min(0.5, volume.geometry().minSliceGap() / 2) : 0.5;
        tasks.submit(BackgroundTask.of("Reading the segmentations and structure sets of " + seriesUid, context -> {
            List<Placed> placed = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            for (Path file : files) {
                context.checkCancelled();
                ImportedSegmentation seg;
                try {
                    seg = SegmentationImport.read(file);
                } catch (IOException e) {
                    unreadable.add(e.getMessage()); // one broken object does not hide the others
                    continue;
                }
                if (seg.rows() != rows || seg.columns() != columns) {
                    continue;
                }
                ImportedSegmentation.Placement p = seg.labelsOn(rows, columns, positions, instances, tolerance);
                if (p.placedFrames() > 0) {
                    java.util.Map<Integer, Integer> colours = new HashMap<>();
                    for (ImportedSegment segment : seg.segments()) {
                        if (segment.colour() != null) {
                            colours.put(segment.number(), Integer.parseInt(segment.colour().substring(1), 16));
                        }
                    }
                    String labels = String.join(", ", seg.segments().stream().map(ImportedSegment::label).toList());
                    placed.add(new Placed("SEG: " + labels + " (" + file.getFileName() + ")", p, colours));
                }
            }
            List<OutlineDecoration.Outline> shapes = new ArrayList<>();
            for (Path file : structureSets) {
                context.checkCancelled();
                ImportedStructureSet set;
                try {
                    set = StructureSetImport.read(file);
                } catch (IOException e) {
                    unreadable.add(e.getMessage());
                    continue;
                }
                // The structure set's own frame of reference, or its ROIs': it must be the series'.
                if (frame != null && (frame.equals(set.frameOfReferenceUid())
                        || set.rois().stream().anyMatch(r -> frame.equals(r.frameOfReferenceUid())))) {
                    shapes.addAll(OutlineDecoration.of(set));
                }
            }
            for (Path file : reports) {
                context.checkCancelled();
                if (frame != null) {
                    try {
                        shapes.addAll(OutlineDecoration.of(MeasurementReportImport.read(file), frame));
                    } catch (IOException e) {
                        unreadable.add(e.getMessage());
                    }
                }
            }
            List<Map> resampled = new ArrayList<>();
            // Matching may read the maps' headers for their references: here, off the FX thread.
            List<Series> maps = anyMap ? ParametricMaps.over(index, target) : List.of();
            for (Series map : maps) {
                context.checkCancelled();
                try {
                    StackPlan plan = new StackPlanner().plan(map);
                    if (!plan.frames().isEmpty()) {
                        boolean sameFrame = ParametricMaps.how(map, target).equals(ParametricMaps.SAME_FRAME);
                        resampled.add(new Map("Map: " + describe(map), ResampledHeatmap.place(plan, seriesPlan, sameFrame)));
                    }
                } catch (UnusableFileException e) {
                    unreadable.add(e.getMessage());
                }
            }
            return new Read(placed, resampled, shapes, unreadable);
        }), read -> {
            if (!onScreen.test(seriesUid)) {
                return; // the series was closed while its segmentations were read
            }
            if (!read.unreadable().isEmpty()) {
                fail.accept(String.join("; ", read.unreadable()));
            }
            if (!read.outlines().isEmpty()) {
                OutlineDecoration decoration = new OutlineDecoration(volume, read.outlines());
                outlines.add(decoration);
                viewports.decorations().add(decoration);
                viewports.redrawGraphics();
            }
            for (Map m : read.maps()) {
                OverlayLayer layer = OverlayLayer.heatmap(m.name(), m.values(), m.values().initialStyle());
                layer.setCaution(m.values().note()); // how it was placed, when not plainly by position
                viewports.overlays().put(seriesUid, layer);
                heatmapShown.accept(layer);
            }
            for (Placed p : read.segmentations()) {
                viewports.overlays().put(seriesUid, OverlayLayer.labels(p.name(), p.placement().labels(),
                        LabelStyle.filled(p.colours()).withOutline(true)));
            }
        }, fail);
    }

    /** "Lesion probability (series 900)": the map's description, else its number, else its UID. */
    private static String describe(Series map) {
        String description = map.info().description();
        String number = map.info().number() == null ? "" : "series " + map.info().number();
        if (description != null && !description.isBlank()) {
            return description.strip() + (number.isEmpty() ? "" : " (" + number + ")");
        }
        return number.isEmpty() ? map.uid() : number;
    }

    /** Takes the outlines of these series off the views (their label layers go with the series' overlays). */
    void forget(java.util.Collection<String> seriesUids) {
        outlines.removeIf(o -> {
            boolean gone = seriesUids.contains(o.seriesUid());
            if (gone) {
                viewports.decorations().remove(o);
            }
            return gone;
        });
    }

    /** Takes every outline off the views. */
    void clear() {
        outlines.forEach(viewports.decorations()::remove);
        outlines.clear();
    }
}
