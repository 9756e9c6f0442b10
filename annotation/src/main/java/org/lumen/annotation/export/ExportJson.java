// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.lumen.io.AtomicFiles;

/** The JSON files of an export: pretty-printed, UTF-8, written atomically. */
final class ExportJson {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExportJson() { }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void write(Path file, Object json) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(json));
    }
}
