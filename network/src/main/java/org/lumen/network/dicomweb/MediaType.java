// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Content-Type value split into its type and parameters (RFC 9110 8.3.1): {@code multipart/related;
 * type="application/dicom"; boundary=abc}. Names are lower case; quoted values are unquoted.
 */
record MediaType(String type, Map<String, String> parameters) {

    MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** Reads a header value; null or blank gives an empty type. */
    static MediaType parse(String value) {
        if (value == null || value.isBlank()) {
            return new MediaType("", Map.of());
        }
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        int at = semicolon < 0 ? value.length() : semicolon + 1;
        while (at < value.length()) {
            int equals = value.indexOf('=', at);
            if (equals < 0) {
                break;
            }
            String name = value.substring(at, equals).strip().toLowerCase(Locale.ROOT);
            int i = equals + 1;
            while (i < value.length() && value.charAt(i) == ' ') {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < value.length() && value.charAt(i) == '"') {
                i++;
                while (i < value.length() && value.charAt(i) != '"') {
                    if (value.charAt(i) == '\\' && i + 1 < value.length()) {
                        i++;
                    }
                    v.append(value.charAt(i++));
                }
                int next = value.indexOf(';', i);
                at = next < 0 ? value.length() : next + 1;
            } else {
                int next = value.indexOf(';', i);
                v.append(value, i, next < 0 ? value.length() : next);
                at = next < 0 ? value.length() : next + 1;
            }
            parameters.putIfAbsent(name, v.toString().strip());
        }
        return new MediaType(type, parameters);
    }

    boolean is(String expected) {
        return type.equals(expected);
    }

    String parameter(String name) {
        return parameters.get(name);
    }
}
