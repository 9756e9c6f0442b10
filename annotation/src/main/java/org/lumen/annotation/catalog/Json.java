// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lumen.viewer.geometry.Vec3;

/**
 * The catalog's JSON plumbing: one mapper, points as [x, y, z] arrays. Jackson writes doubles in
 * their shortest round-trip form, so a coordinate read back is bit-for-bit the one written.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() { }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode vec(Vec3 v) {
        return MAPPER.createArrayNode().add(v.x()).add(v.y()).add(v.z());
    }

    static Vec3 vec(JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray() || array.size() != 3) {
            throw new IllegalArgumentException("'" + field + "' is not an [x, y, z] point");
        }
        return new Vec3(number(array.get(0), field), number(array.get(1), field), number(array.get(2), field));
    }

    static double number(JsonNode node, String field) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' is not a number");
        }
        return node.doubleValue();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
