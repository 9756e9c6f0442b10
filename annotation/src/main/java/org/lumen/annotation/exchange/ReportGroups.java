// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.lumen.annotation.catalog.AiRun;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.Person;
import org.lumen.annotation.catalog.StoredMeasurement;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.catalog.Decision;
import org.lumen.annotation.catalog.Finding;
import org.lumen.viewer.dicom.DicomUids;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.ImagePlane;
import org.lumen.viewer.measure.AngleMeasurement;
import org.lumen.viewer.measure.EllipseRoi;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.RectangleRoi;
import org.lumen.viewer.measure.RoiStats;
import org.lumen.viewer.measure.ShapeRoi;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.StackPlan;

/**
 * Turns what the catalog holds into SR measurement groups: a person's measurement (length, angle,
 * ellipse or rectangle, with its ROI statistics when known) and an AI finding with its model and the
 * latest human decision. Tracking UIDs are made from the catalog's identities, so the same finding or
 * measurement keeps its UID across exports.
 * <p>A 2D model's finding (a run whose parameters say {@code "dimensions": 2}) has no patient position: its
 * recorded centre is (column × column spacing, row × row spacing, image index in the series). It becomes an
 * image coordinate on the image it was found on, which the run's {@code parameters.images[]} names by index
 * (SOP Instance UID and 0-based frame). Where that image cannot be found (a run recorded before the images were
 * named by index, or an image the exported series no longer holds) the finding keeps its values without a
 * region rather than getting a wrong one.
 */
public final class ReportGroups {

    /** What an AI finding is when its label class names no code. */
    public static final Code DEFAULT_FINDING = SegmentDefinition.ABNORMAL_STRUCTURE;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An image of the exported series that a 2D run ran on, with the pixel spacing the run scaled its centres by. */
    public record RunImage(ImageReference reference, double columnSpacing, double rowSpacing) { }

    /** Finds the image a 2D run recorded (its SOP Instance UID and 0-based frame) in the exported series. */
    @FunctionalInterface
    public interface RunImages {

        /** No image is known: every 2D finding keeps its values without a region. */
        RunImages NONE = (uid, frame) -> null;

        /** The image, or null when the exported series holds none such. */
        RunImage find(String sopInstanceUid, int frame);

        /**
         * The images of {@code exported}, found by the UID a run recorded as {@code exportedUid} maps it (the
         * de-identification's mapping, or the identity) and 0-based frame, with the pixel spacing a 2D run scales its
         * centres by: mm where the image says it, else 1 (pixels).
         */
        static RunImages of(StackPlan exported, UnaryOperator<String> exportedUid) {
            Map<RecordedImage, RunImage> byKey = new HashMap<>();
            for (FrameRef frame : exported.frames()) {
                int frameNumber = frame.instance().frames() > 1 ? frame.frame() + 1 : 0;
                ImagePlane plane = frame.plane();
                byKey.put(new RecordedImage(frame.instance().sopInstanceUid(), frame.frame()), new RunImage(
                        new ImageReference(frame.instance().sopClassUid(), frame.instance().sopInstanceUid(), frameNumber),
                        spacing(plane == null ? null : plane.columnSpacing()), spacing(plane == null ? null : plane.rowSpacing())));
            }
            return (uid, frame) -> byKey.get(new RecordedImage(exportedUid.apply(uid), frame));
        }

        private static double spacing(Double mm) {
            return mm == null || !(mm > 0) ? 1 : mm;
        }
    }

    /** An image as a 2D run's parameters name it. */
    private record RecordedImage(String uid, int frame) { }

    private ReportGroups() { }

    /**
     * A person's measurement: its shape as a SCOORD3D region when its series has a frame of reference
     * (its values alone, in a TID 1501 group, when it has none, as on a radiograph).
     *
     * @param stats     the ROI's statistics (ellipse and rectangle), or null
     * @param statsUnit the unit of the statistics (Hounsfield units for CT), or null without statistics
     */
    public static ReportGroup ofMeasurement(Measurement m, RoiStats stats, Code statsUnit) {
        String uid = DicomUids.fromName("lumen-measurement:" + m.id());
        List<ReportedValue> values = new ArrayList<>();
        ReportRegion region;
        String kind;
        switch (m) {
            case LengthMeasurement length -> {
                kind = "Length";
                region = new ReportRegion("POLYLINE", List.of(length.a(), length.b()));
                values.add(new ReportedValue(ReportedValue.LENGTH, length.lengthMm(), ReportedValue.MM));
            }
            case AngleMeasurement angle -> {
                kind = "Angle";
                region = new ReportRegion("POLYLINE", List.of(angle.a(), angle.vertex(), angle.b()));
                values.add(new ReportedValue(ReportedValue.ANGLE, angle.degrees(), ReportedValue.DEGREES));
            }
            case EllipseRoi ellipse -> {
                kind = "Ellipse";
                region = new ReportRegion("ELLIPSE", ellipseAxes(ellipse));
                values.add(new ReportedValue(ReportedValue.AREA, ellipse.areaMm2(), ReportedValue.MM2));
            }
            case RectangleRoi rectangle -> {
                kind = "Rectangle";
                List<Vec3> corners = new ArrayList<>(rectangle.corners());
                corners.add(corners.getFirst());
                region = new ReportRegion("POLYGON", corners);
                values.add(new ReportedValue(ReportedValue.AREA, rectangle.areaMm2(), ReportedValue.MM2));
            }
        }
        if (stats != null && !stats.isEmpty() && m instanceof ShapeRoi) {
            Code unit = statsUnit == null ? ReportedValue.NO_UNITS : statsUnit;
            values.add(new ReportedValue(ReportedValue.MEAN, stats.mean(), unit));
            values.add(new ReportedValue(ReportedValue.STANDARD_DEVIATION, stats.sd(), unit));
            values.add(new ReportedValue(ReportedValue.MINIMUM, stats.min(), unit));
            values.add(new ReportedValue(ReportedValue.MAXIMUM, stats.max(), unit));
        }
        // Without a frame of reference (a radiograph) there is no patient space to place SCOORD3D in: values only.
        boolean placed = m.frameOfReferenceUid() != null && !m.frameOfReferenceUid().isBlank();
        return new ReportGroup(kind + " " + m.id().toString().substring(0, 8), uid, null, placed ? region : null,
                placed ? m.frameOfReferenceUid() : null, values, null, null);
    }

    /**
     * An AI finding of {@code run}: an ellipsoid over its extent (a point where it has none), its score and
     * volume, the model as device observer, and the latest decision on it (null when nobody decided).
     *
     * @param findingType the finding's code (its label class's), or null for {@link #DEFAULT_FINDING}
     * @param personName  the name of a person by catalog id
     */
    public static ReportGroup ofFinding(AiRun run, Finding finding, Code findingType, String frameOfReferenceUid, Decision decision,
                                        LongFunction<String> personName) {
        return ofFinding(run, finding, findingType, frameOfReferenceUid, decision, personName, RunImages.NONE);
    }

    /**
     * An AI finding of {@code run}, a 2D run's finding as an image coordinate on the image {@code images} finds for it.
     *
     * @param images the exported series' images, for a 2D run's findings
     */
    public static ReportGroup ofFinding(AiRun run, Finding finding, Code findingType, String frameOfReferenceUid, Decision decision,
                                        LongFunction<String> personName, RunImages images) {
        return ofFinding(run, imagesOf2dRun(run), finding, findingType, frameOfReferenceUid, decision, personName, images);
    }

    private static ReportGroup ofFinding(AiRun run, Map<Integer, RecordedImage> recorded, Finding finding, Code findingType,
                                         String frameOfReferenceUid, Decision decision, LongFunction<String> personName, RunImages images) {
        Vec3 c = finding.centre();
        Vec3 e = finding.extent();
        ReportRegion region;
        ImageReference image = null;
        if (recorded != null) {
            RecordedImage named = recorded.get((int) Math.round(c.z()));
            RunImage found = named == null ? null : images.find(named.uid(), named.frame());
            region = found == null ? null : imageRegion(c, e, found);
            image = found == null ? null : found.reference();
        } else if (e != null && e.x() > 0 && e.y() > 0 && e.z() > 0) {
            region = new ReportRegion("ELLIPSOID", List.of(
                    c.minus(new Vec3(e.x() / 2, 0, 0)), c.plus(new Vec3(e.x() / 2, 0, 0)),
                    c.minus(new Vec3(0, e.y() / 2, 0)), c.plus(new Vec3(0, e.y() / 2, 0)),
                    c.minus(new Vec3(0, 0, e.z() / 2)), c.plus(new Vec3(0, 0, e.z() / 2))));
        } else {
            region = new ReportRegion("POINT", List.of(c));
        }
        List<ReportedValue> values = new ArrayList<>();
        values.add(new ReportedValue(ReportedValue.CERTAINTY_OF_FINDING, finding.score() * 100, ReportedValue.PERCENT));
        if (finding.volumeMm3() != null) {
            values.add(new ReportedValue(ReportedValue.VOLUME, finding.volumeMm3(), ReportedValue.MM3));
        }
        ReviewDecision review = decision == null ? null : new ReviewDecision(switch (decision.kind()) {
            case ACCEPT -> LumenCodes.ACCEPTED;
            case REJECT -> LumenCodes.REJECTED;
            case UNCERTAIN -> LumenCodes.UNCERTAIN;
            case EDIT -> LumenCodes.EDITED;
        }, personName.apply(decision.personId()), decision.decidedAt(), decision.comment());
        String uid = DicomUids.fromName("lumen-ai-finding:" + run.modelSha256() + ":" + run.id() + ":" + finding.id());
        return new ReportGroup("AI " + finding.label() + " " + finding.rank(), uid, findingType == null ? DEFAULT_FINDING : findingType,
                region, recorded == null ? frameOfReferenceUid : null, values,
                new ModelIdentity(run.modelId(), run.modelVersion(), run.modelSha256()), review, image);
    }

    /**
     * A 2D finding's box (a closed POLYLINE, corners clockwise from the top left) or, without an extent, its centre
     * (POINT), in the SR's pixel coordinates: the run's pixel centres are at whole numbers, the SR's at half ones.
     */
    private static ReportRegion imageRegion(Vec3 c, Vec3 e, RunImage image) {
        double x = c.x() / image.columnSpacing() + 0.5;
        double y = c.y() / image.rowSpacing() + 0.5;
        if (e == null || !(e.x() > 0) || !(e.y() > 0)) {
            return new ReportRegion("POINT", List.of(new Vec3(x, y, 0)));
        }
        double hw = e.x() / image.columnSpacing() / 2;
        double hh = e.y() / image.rowSpacing() / 2;
        return new ReportRegion("POLYLINE", List.of(new Vec3(x - hw, y - hh, 0), new Vec3(x + hw, y - hh, 0),
                new Vec3(x + hw, y + hh, 0), new Vec3(x - hw, y + hh, 0), new Vec3(x - hw, y - hh, 0)));
    }

    /**
     * A 2D run's images by their index in the series, from {@code parameters.images[]} (empty when the run was recorded
     * before they were named by index); null for any other run, whose centres are patient positions.
     */
    private static Map<Integer, RecordedImage> imagesOf2dRun(AiRun run) {
        JsonNode parameters;
        try {
            parameters = run.parametersJson() == null ? null : JSON.readTree(run.parametersJson());
        } catch (JsonProcessingException e) {
            return null;
        }
        if (parameters == null || parameters.path("dimensions").asInt(3) != 2) {
            return null;
        }
        Map<Integer, RecordedImage> images = new HashMap<>();
        for (JsonNode image : parameters.path("images")) {
            if (image.hasNonNull("imageUid") && image.has("frame") && image.path("image").asInt(-1) >= 0) {
                images.put(image.get("image").asInt(), new RecordedImage(image.get("imageUid").asText(), image.get("frame").asInt()));
            }
        }
        return images;
    }

    /**
     * Everything the catalog holds about one series, as an exporter writes it: every AI finding of every
     * run on it (with its latest decision, its type from the label class of the same name in
     * {@code datasetId}'s schema or the global classes) and every measurement drawn on it.
     *
     * @param datasetId the dataset whose label classes name the findings' codes, or null for the global classes
     */
    public static List<ReportGroup> ofSeries(Catalog catalog, String seriesUid, String frameOfReferenceUid, Long datasetId) {
        return ofSeries(catalog, seriesUid, frameOfReferenceUid, datasetId, RunImages.NONE);
    }

    /**
     * Everything the catalog holds about one series, a 2D run's findings placed on the images {@code images} finds.
     *
     * @param images the exported series' images, for 2D runs' findings
     */
    public static List<ReportGroup> ofSeries(Catalog catalog, String seriesUid, String frameOfReferenceUid, Long datasetId,
                                             RunImages images) {
        Map<String, Code> codes = new HashMap<>();
        for (LabelClass c : catalog.labelClasses().of(null)) {
            if (c.code() != null) {
                codes.put(c.name().toLowerCase(Locale.ROOT), c.code());
            }
        }
        if (datasetId != null) {
            for (LabelClass c : catalog.labelClasses().of(datasetId)) {
                if (c.code() != null) {
                    codes.put(c.name().toLowerCase(Locale.ROOT), c.code());
                }
            }
        }
        List<ReportGroup> groups = new ArrayList<>();
        for (AiRun run : catalog.aiRuns().runs(seriesUid)) {
            Map<Long, Decision> decisions = catalog.aiRuns().latestDecisions(run.id());
            Map<Integer, RecordedImage> recorded = imagesOf2dRun(run);
            for (Finding f : run.findings()) {
                groups.add(ofFinding(run, recorded, f, codes.get(f.label().toLowerCase(Locale.ROOT)), frameOfReferenceUid,
                        decisions.get(f.id()), id -> catalog.people().byId(id).map(Person::name).orElse("person " + id), images));
            }
        }
        for (StoredMeasurement stored : catalog.measurements().ofSeries(seriesUid)) {
            groups.add(ofMeasurement(stored.measurement(), null, null));
        }
        return groups;
    }

    /** An ellipse's major axis end points, then its minor axis end points (SCOORD ELLIPSE). */
    private static List<Vec3> ellipseAxes(EllipseRoi e) {
        Vec3 c = e.center();
        Vec3 r = e.right().times(e.widthMm() / 2);
        Vec3 d = e.down().times(e.heightMm() / 2);
        return e.widthMm() >= e.heightMm()
                ? List.of(c.minus(r), c.plus(r), c.minus(d), c.plus(d))
                : List.of(c.minus(d), c.plus(d), c.minus(r), c.plus(r));
    }
}
