// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.AngleMeasurement;
import org.lumen.viewer.measure.EllipseRoi;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.RectangleRoi;

/**
 * Vector labels, measurements and classifications as documented JSON (never Java serialisation):
 * each object has a "type", its id, frame of reference and series, and points in patient mm as
 * [x, y, z]. Written field by field, so renaming a record component cannot silently change the
 * stored format; docs/catalog.md lists every field.
 */
final class VectorJson {

    private VectorJson() { }

    static String write(VectorPayload payload) {
        ObjectNode root = Json.object();
        ArrayNode labels = root.putArray("labels");
        for (VectorLabel label : payload.labels()) {
            ObjectNode node = labels.addObject();
            switch (label) {
                case BoxLabel b -> {
                    common(node, "box", b.id(), b.frameOfReferenceUid(), b.seriesInstanceUid());
                    node.put("labelClass", b.labelClass());
                    node.set("center", Json.vec(b.center()));
                    node.set("right", Json.vec(b.right()));
                    node.set("down", Json.vec(b.down()));
                    node.put("widthMm", b.widthMm());
                    node.put("heightMm", b.heightMm());
                    node.put("depthMm", b.depthMm());
                }
                case PointLabel p -> {
                    common(node, "point", p.id(), p.frameOfReferenceUid(), p.seriesInstanceUid());
                    node.put("labelClass", p.labelClass());
                    node.set("position", Json.vec(p.position()));
                }
                case LineLabel l -> {
                    common(node, "line", l.id(), l.frameOfReferenceUid(), l.seriesInstanceUid());
                    node.put("labelClass", l.labelClass());
                    node.set("a", Json.vec(l.a()));
                    node.set("b", Json.vec(l.b()));
                }
            }
        }
        ArrayNode measurements = root.putArray("measurements");
        for (Measurement m : payload.measurements()) {
            measurements.add(measurement(m));
        }
        return Json.write(root);
    }

    static VectorPayload readVector(String json) {
        JsonNode root = Json.read(json);
        List<VectorLabel> labels = new ArrayList<>();
        for (JsonNode n : array(root, "labels")) {
            UUID id = UUID.fromString(required(n, "id"));
            String frame = Json.text(n, "frameOfReferenceUid");
            String series = Json.text(n, "seriesInstanceUid");
            String labelClass = Json.text(n, "labelClass");
            String type = required(n, "type");
            labels.add(switch (type) {
                case "box" -> new BoxLabel(id, frame, series, labelClass, Json.vec(n, "center"), Json.vec(n, "right"),
                        Json.vec(n, "down"), Json.number(n.get("widthMm"), "widthMm"), Json.number(n.get("heightMm"), "heightMm"),
                        Json.number(n.get("depthMm"), "depthMm"));
                case "point" -> new PointLabel(id, frame, series, labelClass, Json.vec(n, "position"));
                case "line" -> new LineLabel(id, frame, series, labelClass, Json.vec(n, "a"), Json.vec(n, "b"));
                default -> throw new IllegalArgumentException("unknown vector label type '" + type + "'");
            });
        }
        List<Measurement> measurements = new ArrayList<>();
        for (JsonNode n : array(root, "measurements")) {
            measurements.add(measurement(n));
        }
        return new VectorPayload(labels, measurements);
    }

    /** One measurement as its JSON object: type, id, frame of reference, series and its points in patient mm. */
    static ObjectNode measurement(Measurement m) {
        ObjectNode node = Json.object();
        switch (m) {
            case LengthMeasurement l -> {
                common(node, "length", l.id(), l.frameOfReferenceUid(), l.seriesInstanceUid());
                node.set("a", Json.vec(l.a()));
                node.set("b", Json.vec(l.b()));
            }
            case AngleMeasurement a -> {
                common(node, "angle", a.id(), a.frameOfReferenceUid(), a.seriesInstanceUid());
                node.set("a", Json.vec(a.a()));
                node.set("vertex", Json.vec(a.vertex()));
                node.set("b", Json.vec(a.b()));
            }
            case EllipseRoi e -> {
                common(node, "ellipse", e.id(), e.frameOfReferenceUid(), e.seriesInstanceUid());
                corners(node, e.corner1(), e.corner2(), e.right(), e.down());
            }
            case RectangleRoi r -> {
                common(node, "rectangle", r.id(), r.frameOfReferenceUid(), r.seriesInstanceUid());
                corners(node, r.corner1(), r.corner2(), r.right(), r.down());
            }
        }
        return node;
    }

    /** The "type" {@link #measurement(Measurement)} writes for a measurement. */
    static String type(Measurement m) {
        return switch (m) {
            case LengthMeasurement l -> "length";
            case AngleMeasurement a -> "angle";
            case EllipseRoi e -> "ellipse";
            case RectangleRoi r -> "rectangle";
        };
    }

    /** A measurement from its JSON object. */
    static Measurement measurement(JsonNode n) {
        UUID id = UUID.fromString(required(n, "id"));
        String frame = Json.text(n, "frameOfReferenceUid");
        String series = Json.text(n, "seriesInstanceUid");
        String type = required(n, "type");
        return switch (type) {
            case "length" -> new LengthMeasurement(id, frame, series, Json.vec(n, "a"), Json.vec(n, "b"));
            case "angle" -> new AngleMeasurement(id, frame, series, Json.vec(n, "a"), Json.vec(n, "vertex"), Json.vec(n, "b"));
            case "ellipse" -> new EllipseRoi(id, frame, series, Json.vec(n, "corner1"), Json.vec(n, "corner2"),
                    Json.vec(n, "right"), Json.vec(n, "down"));
            case "rectangle" -> new RectangleRoi(id, frame, series, Json.vec(n, "corner1"), Json.vec(n, "corner2"),
                    Json.vec(n, "right"), Json.vec(n, "down"));
            default -> throw new IllegalArgumentException("unknown measurement type '" + type + "'");
        };
    }

    static String write(ClassificationPayload payload) {
        ObjectNode root = Json.object();
        ArrayNode labels = root.putArray("labels");
        for (ClassificationLabel c : payload.labels()) {
            ObjectNode node = labels.addObject();
            node.put("id", c.id().toString());
            node.put("seriesInstanceUid", c.seriesInstanceUid());
            node.put("sopInstanceUid", c.sopInstanceUid());
            node.put("frame", c.frame());
            node.put("labelClass", c.labelClass());
        }
        return Json.write(root);
    }

    static ClassificationPayload readClassification(String json) {
        List<ClassificationLabel> labels = new ArrayList<>();
        for (JsonNode n : array(Json.read(json), "labels")) {
            labels.add(new ClassificationLabel(UUID.fromString(required(n, "id")), Json.text(n, "seriesInstanceUid"),
                    Json.text(n, "sopInstanceUid"), n.path("frame").asInt(), Json.text(n, "labelClass")));
        }
        return new ClassificationPayload(labels);
    }

    private static void common(ObjectNode node, String type, UUID id, String frameOfReferenceUid, String seriesInstanceUid) {
        node.put("type", type);
        node.put("id", id.toString());
        node.put("frameOfReferenceUid", frameOfReferenceUid);
        node.put("seriesInstanceUid", seriesInstanceUid);
    }

    private static void corners(ObjectNode node, Vec3 corner1, Vec3 corner2,
                                Vec3 right, Vec3 down) {
        node.set("corner1", Json.vec(corner1));
        node.set("corner2", Json.vec(corner2));
        node.set("right", Json.vec(right));
        node.set("down", Json.vec(down));
    }

    private static String required(JsonNode node, String field) {
        String value = Json.text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("a stored label has no '" + field + "'");
        }
        return value;
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("stored label JSON has no '" + field + "' array");
        }
        return node;
    }
}
