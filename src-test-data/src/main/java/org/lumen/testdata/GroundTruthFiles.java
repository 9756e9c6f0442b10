// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import org.lumen.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes {@code ground-truth.json}; writes go to a temporary file renamed onto the target. */
public final class GroundTruthFiles {

    /** The file name phantoms use inside their folder. */
    public static final String FILE_NAME = "ground-truth.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private GroundTruthFiles() { }

    public static void write(Path target, GroundTruth truth) throws IOException {
        writeJson(target, truth);
    }

    /** Writes a 2D phantom's ground truth. */
    public static void write(Path target, PlanarTruth truth) throws IOException {
        writeJson(target, truth);
    }

    /**
     * Reads a 2D phantom's ground truth.
     *
     * @throws IOException naming the file when it is missing or not 2D ground-truth JSON
     */
    public static PlanarTruth readPlanar(Path source) throws IOException {
        try {
            return JSON.readValue(source.toFile(), PlanarTruth.class);
        } catch (JsonProcessingException e) {
            throw new IOException(source + " is not a 2D phantom ground-truth file: " + e.getOriginalMessage(), e);
        }
    }

    private static void writeJson(Path target, Object truth) throws IOException {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(truth);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode ground truth for " + target + ": " + e.getOriginalMessage(), e);
        }
        AtomicFiles.write(target, json);
    }

    /**
     * Reads a phantom's ground truth.
     *
     * @throws IOException naming the file when it is missing or not ground-truth JSON
     */
    public static GroundTruth read(Path source) throws IOException {
        try {
            return JSON.readValue(source.toFile(), GroundTruth.class);
        } catch (JsonProcessingException e) {
            throw new IOException(source + " is not a phantom ground-truth file: " + e.getOriginalMessage(), e);
        }
    }
}
