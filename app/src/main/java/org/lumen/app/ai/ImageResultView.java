// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.findings.FindingBox;
import org.lumen.aiassist.image2d.Explanation;
import org.lumen.aiassist.image2d.FindingPlace;
import org.lumen.aiassist.image2d.Heatmap2D;
import org.lumen.aiassist.image2d.ImageFinding;
import org.lumen.aiassist.image2d.ImageResult;
import org.lumen.aiassist.image2d.StudyResult;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.pipeline.StageTimings;
import org.lumen.aiassist.runtime.ExecutionDevice;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.MeasurementUnits;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A 2D model's study result as the window's AI tab shows results: each class's maps stacked over the series' images
 * as one heatmap on the series' own grid (the overlay draws a heatmap on its series' grid: a float per image pixel per
 * class, 57 MB for one 3064 × 4664 view), the findings at their image's pixels in patient space, ranked in image
 * order as {@link ImageRunRecords} records them, and the study's class or grade with each image's contribution as
 * class scores (the contribution's slice is its image) and in the summary line.
 */
public final class ImageResultView {

    private ImageResultView() { }

    /**
     * @param sliceOf each image's slice in the series, by SOP Instance UID and frame
     */
    public static InferenceResult of(StudyResult study, VolumeGeometry series, Map<ImageKey, Integer> sliceOf) {
        ImageResult first = study.images().getFirst();
        Provenance p = first.provenance();
        List<Finding> findings = new ArrayList<>();
        int rank = 0;
        for (ImageResult image : study.images()) {
            int k = sliceOf.get(ImageKey.of(image.facts()));
            for (ImageFinding f : image.findings()) {
                double[] c = f.centerPx();
                double[] b = f.boxPx();
                Vec3 centre = series.toPatient(c[0], c[1], k);
                double w = series.toPatient(b[2], c[1], k).minus(series.toPatient(b[0], c[1], k)).length();
                double h = series.toPatient(c[0], b[3], k).minus(series.toPatient(c[0], b[1], k)).length();
                findings.add(new Finding(++rank, f.label(), f.classIndex(), f.score(), centre, new double[] {w, h, 0}, 0, 0, p));
            }
        }
        List<ClassScore> scores = new ArrayList<>();
        scores.add(new ClassScore(-1, "study: " + study.label(), study.score(), -1));
        for (StudyResult.Contribution c : study.contributions()) {
            int k = sliceOf.getOrDefault(ImageKey.of(c), -1);
            scores.add(new ClassScore(-1, String.format(Locale.ROOT, "image %d%s%s: %s", k + 1, c.laterality() == null ? "" : " " + c.laterality(),
                    c.view() == null ? "" : " " + c.view(), c.label()), c.score(), k));
        }
        StageTimings t = study.timings();
        boolean outside = study.images().stream().anyMatch(ImageResult::outsideIntendedUse);
        ImageResult judged = study.images().stream().filter(ImageResult::outsideIntendedUse).findFirst().orElse(first);
        ExecutionDevice device = first.device().startsWith("cuda")
                ? ExecutionDevice.cuda(Integer.parseInt(first.device().substring(first.device().indexOf(':') + 1)))
                : ExecutionDevice.cpu("");
        int tiles = study.images().stream().mapToInt(ImageResult::tiles).sum();
        int batches = study.images().stream().mapToInt(ImageResult::batches).sum();
        return new InferenceResult(p, device, heatmaps(study, series, sliceOf), findings, scores, t, tiles, batches,
                summary(study), false, outside ? judged.intendedUse() : first.intendedUse());
    }

    /**
     * Each finding's box on its image, ranked as {@link #of} ranks the findings, for drawing over the images.
     *
     * @param sliceOf each image's slice in the series, by SOP Instance UID and frame
     */
    public static List<FindingBox> boxes(StudyResult study, VolumeGeometry series, Map<ImageKey, Integer> sliceOf) {
        List<FindingBox> boxes = new ArrayList<>();
        int rank = 0;
        for (ImageResult image : study.images()) {
            int k = sliceOf.get(ImageKey.of(image.facts()));
            for (ImageFinding f : image.findings()) {
                boxes.add(FindingBox.onImage(++rank, f.boxPx(), series, k));
            }
        }
        return boxes;
    }

    /**
     * Where each finding is on its image, ranked as {@link #of} ranks the findings, for the findings table: the image's
     * number, laterality and view, the centre in its pixels and the box's size in the image's own units (mm where its file
     * gives a spacing, pixels where it gives none).
     *
     * @param sliceOf each image's slice in the series, by SOP Instance UID and frame
     */
    public static List<FindingPlace> places(StudyResult study, Volume volume, Map<ImageKey, Integer> sliceOf) {
        List<FindingPlace> places = new ArrayList<>();
        int rank = 0;
        for (ImageResult image : study.images()) {
            int k = sliceOf.get(ImageKey.of(image.facts()));
            MeasurementUnits units = MeasurementUnits.of(volume.frame(k).instance().calibration(), volume.geometry());
            for (ImageFinding f : image.findings()) {
                places.add(FindingPlace.of(++rank, f, image.facts(), k, volume.geometry(), units));
            }
        }
        return places;
    }

    /**
     * An explanation of one image as a heatmap over the series (the other images' slices empty), named after its
     * class and method, e.g. "mass (occlusion)".
     */
    public static Heatmap explanation(Explanation explanation, VolumeGeometry series, int slice) {
        Heatmap2D map = explanation.map();
        float[][] slices = new float[series.slices()][];
        slices[slice] = perPixel(map, series.columns(), series.rows());
        return new Heatmap(map.label() + " (" + explanation.method() + ")", map.classIndex(), map.colour(), map.threshold(), map.kind(),
                new FloatVolume(Grid.of(series), slices));
    }

    /**
     * What the panel's summary line names after the timings: the study's result and its rule; each image's contribution is in
     * the tab's study table ({@code image2d.StudyTable}).
     */
    static String summary(StudyResult study) {
        return String.format(Locale.ROOT, "study %s %.2f (%s; each image in the study table)", study.label(), study.score(), study.rule());
    }

    /** One heatmap per class label (and kind), its images' maps stacked on the series' slices. */
    private static List<Heatmap> heatmaps(StudyResult study, VolumeGeometry series, Map<ImageKey, Integer> sliceOf) {
        Map<String, Heatmap2D> firstOfEach = new LinkedHashMap<>();
        for (ImageResult image : study.images()) {
            for (Heatmap2D map : image.heatmaps()) {
                firstOfEach.putIfAbsent(map.label() + "/" + map.kind(), map);
            }
            if (image.explanation() != null) {
                Heatmap2D map = image.explanation().map();
                firstOfEach.putIfAbsent(map.label() + "/" + map.kind(), map);
            }
        }
        int nx = series.columns();
        int ny = series.rows();
        Grid grid = Grid.of(series);
        List<Heatmap> heatmaps = new ArrayList<>();
        for (Heatmap2D template : firstOfEach.values()) {
            float[][] slices = new float[series.slices()][];
            for (ImageResult image : study.images()) {
                Heatmap2D map = find(image, template);
                if (map == null) {
                    continue;
                }
                slices[sliceOf.get(ImageKey.of(image.facts()))] = perPixel(map, nx, ny);
            }
            for (int k = 0; k < slices.length; k++) {
                if (slices[k] == null) {
                    slices[k] = new float[nx * ny];
                }
            }
            heatmaps.add(new Heatmap(template.label(), template.classIndex(), template.colour(), template.threshold(), template.kind(),
                    new FloatVolume(grid, slices)));
        }
        return heatmaps;
    }

    private static Heatmap2D find(ImageResult image, Heatmap2D template) {
        for (Heatmap2D map : image.heatmaps()) {
            if (map.label().equals(template.label()) && map.kind().equals(template.kind())) {
                return map;
            }
        }
        Heatmap2D explanation = image.explanation() == null ? null : image.explanation().map();
        return explanation != null && explanation.label().equals(template.label()) && explanation.kind().equals(template.kind())
                ? explanation : null;
    }

    /** The map's value at every image pixel. */
    private static float[] perPixel(Heatmap2D map, int nx, int ny) {
        float[] out = new float[nx * ny];
        for (int row = 0; row < Math.min(ny, map.imageRows()); row++) {
            for (int column = 0; column < Math.min(nx, map.imageColumns()); column++) {
                out[row * nx + column] = map.at(column, row);
            }
        }
        return out;
    }
}
