// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON configuration of the CLI: record components as camelCase keys, nulls kept explicit. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private Json() { }
}
