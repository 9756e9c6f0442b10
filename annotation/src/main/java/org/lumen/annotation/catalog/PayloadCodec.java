// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * The JSON side of stored content: vector labels and classifications as JSON with a SHA-256 checked
 * on every read (so a damaged row is reported, not drawn), and a mask's grid geometry. Masks
 * themselves are stored slice by slice ({@link MaskSlices}).
 */
final class PayloadCodec {

    /** A vector or classification payload in its stored form. */
    record Stored(AnnotationKind kind, String data, String sha256) {
    }

    private PayloadCodec() { }

    static Stored encode(VectorPayload payload) {
        return json(AnnotationKind.VECTOR, VectorJson.write(payload));
    }

    static Stored encode(ClassificationPayload payload) {
        return json(AnnotationKind.CLASSIFICATION, VectorJson.write(payload));
    }

    private static Stored json(AnnotationKind kind, String data) {
        return new Stored(kind, data, sha256(kind, data));
    }

    /** Decodes stored vector or classification JSON; {@code what} names it in the error ("revision 12"). */
    static Payload decode(AnnotationKind kind, String data, String expectedSha256, String what) {
        if (!sha256(kind, data).equals(expectedSha256)) {
            throw new CatalogException(CatalogException.Reason.CORRUPT, what + " is damaged: its content no longer matches its checksum");
        }
        try {
            return switch (kind) {
                case VECTOR -> VectorJson.readVector(data);
                case CLASSIFICATION -> VectorJson.readClassification(data);
                case MASK -> throw new IllegalArgumentException("masks are stored by slice");
            };
        } catch (IllegalArgumentException e) {
            throw new CatalogException(CatalogException.Reason.CORRUPT, what + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    static String sha256(AnnotationKind kind, String data) {
        MessageDigest digest = sha256();
        digest.update((kind.name() + "\0").getBytes(StandardCharsets.US_ASCII));
        digest.update(data.getBytes(StandardCharsets.UTF_8));
        return hex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String geometry(VolumeGeometry g) {
        ObjectNode node = Json.object();
        node.put("columns", g.columns());
        node.put("rows", g.rows());
        node.put("slices", g.slices());
        node.set("origin", Json.vec(g.origin()));
        node.set("rowDirection", Json.vec(g.rowDirection()));
        node.set("columnDirection", Json.vec(g.columnDirection()));
        node.put("columnSpacing", g.columnSpacing());
        node.put("rowSpacing", g.rowSpacing());
        node.set("sliceStep", Json.vec(g.sliceStep()));
        if (!g.isRegular()) {
            // An irregular stack's slices each keep their true origin (ADR 0014); regular grids are written as before.
            var origins = node.putArray("sliceOrigins");
            for (int k = 0; k < g.slices(); k++) {
                origins.add(Json.vec(g.slicePosition(k)));
            }
        }
        return Json.write(node);
    }

    static VolumeGeometry geometry(String json) {
        JsonNode n = Json.read(json);
        JsonNode origins = n.get("sliceOrigins");
        if (origins != null && origins.isArray()) {
            Vec3[] at = new Vec3[origins.size()];
            for (int k = 0; k < at.length; k++) {
                JsonNode o = origins.get(k);
                at[k] = new Vec3(o.get(0).asDouble(), o.get(1).asDouble(), o.get(2).asDouble());
            }
            return VolumeGeometry.atPositions(n.path("columns").asInt(), n.path("rows").asInt(), at, Json.vec(n, "rowDirection"),
                    Json.vec(n, "columnDirection"), Json.number(n.get("columnSpacing"), "columnSpacing"),
                    Json.number(n.get("rowSpacing"), "rowSpacing"));
        }
        return new VolumeGeometry(n.path("columns").asInt(), n.path("rows").asInt(), n.path("slices").asInt(),
                Json.vec(n, "origin"), Json.vec(n, "rowDirection"), Json.vec(n, "columnDirection"),
                Json.number(n.get("columnSpacing"), "columnSpacing"), Json.number(n.get("rowSpacing"), "rowSpacing"),
                Json.vec(n, "sliceStep"));
    }
}
