// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
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
import org.lumen.viewer.measure.AngleMeasurement;
import org.lumen.viewer.measure.EllipseRoi;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.RectangleRoi;
import org.lumen.viewer.measure.RoiStats;
import org.lumen.viewer.measure.ShapeRoi;

/**
 * Turns what the catalog holds into SR measurement groups: a person's measurement (length, angle,
 * ellipse or rectangle, with its ROI statistics when known) and an AI finding with its model and the
 * latest human decision. Tracking UIDs are made from the catalog's identities, so the same finding or
 * measurement keeps its UID across exports.
 */
public final class ReportGroups {

    /** What an AI finding is when its label class names no code. */
    public static final Code DEFAULT_FINDING = SegmentDefinition.ABNORMAL_STRUCTURE;

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
        Vec3 c = finding.centre();
        Vec3 e = finding.extent();
        ReportRegion region;
        if (e != null && e.x() > 0 && e.y() > 0 && e.z() > 0) {
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
                region, frameOfReferenceUid, values, new ModelIdentity(run.modelId(), run.modelVersion(), run.modelSha256()), review);
    }

    /**
     * Everything the catalog holds about one series, as an exporter writes it: every AI finding of every
     * run on it (with its latest decision, its type from the label class of the same name in
     * {@code datasetId}'s schema or the global classes) and every measurement drawn on it.
     *
     * @param datasetId the dataset whose label classes name the findings' codes, or null for the global classes
     */
    public static List<ReportGroup> ofSeries(Catalog catalog, String seriesUid, String frameOfReferenceUid, Long datasetId) {
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
            for (Finding f : run.findings()) {
                groups.add(ofFinding(run, f, codes.get(f.label().toLowerCase(Locale.ROOT)), frameOfReferenceUid, decisions.get(f.id()),
                        id -> catalog.people().byId(id).map(Person::name).orElse("person " + id)));
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
