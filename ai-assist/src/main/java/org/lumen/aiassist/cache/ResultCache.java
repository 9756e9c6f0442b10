// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.engine.ResultStore;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.io.AtomicFiles;
import org.lumen.io.Folders;

/**
 * Inference results on disk, one folder per key (series × model id, version and sha256 × options):
 * {@code result.json} and one sparse heatmap file per class. A result is written into a hidden
 * folder and renamed into place, so a crash never leaves half a result to be "instantly reopened".
 * Damaged entries are dropped and recomputed.
 */
public final class ResultCache implements ResultStore {

    private static final String INDEX = "result.json";

    private final Path folder;

    /** @param folder the cache folder for inference results (inside the user cache folder) */
    public ResultCache(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<InferenceResult> load(String key) throws IOException {
        Path entry = entry(key);
        Path index = entry.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            return Optional.empty();
        }
        try {
            JsonNode root = ResultJson.MAPPER.readTree(index.toFile());
            List<Heatmap> heatmaps = new ArrayList<>();
            for (JsonNode h : root.get("heatmaps")) {
                FloatVolume volume = HeatmapFile.read(entry.resolve(h.get("file").asText()));
                heatmaps.add(new Heatmap(h.get("label").asText(), h.get("classIndex").asInt(), h.get("colour").asText(),
                        h.get("threshold").asDouble(), h.get("kind").asText(), volume));
            }
            return Optional.of(ResultJson.read(root, heatmaps));
        } catch (IOException | RuntimeException e) {
            // A damaged entry is worth less than recomputing it.
            Folders.deleteTree(entry);
            return Optional.empty();
        }
    }

    @Override
    public void store(String key, InferenceResult result) throws IOException {
        Path entry = entry(key);
        Files.createDirectories(entry.getParent());
        Path partial = entry.resolveSibling("." + key + ".partial");
        Folders.deleteTree(partial);
        Files.createDirectories(partial);
        ObjectNode root = ResultJson.write(result);
        ArrayNode list = root.putArray("heatmaps");
        int n = 0;
        for (Heatmap h : result.heatmaps()) {
            String file = "heatmap-" + n++ + ".lhm";
            HeatmapFile.write(partial.resolve(file), h.volume());
            ObjectNode node = list.addObject();
            node.put("file", file);
            node.put("label", h.label());
            node.put("classIndex", h.classIndex());
            node.put("colour", h.colour());
            node.put("threshold", h.threshold());
            node.put("kind", h.kind());
        }
        AtomicFiles.write(partial.resolve(INDEX), ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Folders.deleteTree(entry);
        try {
            Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Folders.deleteTree(partial);
        }
    }

    /** Removes every cached result. */
    public void clear() throws IOException {
        Folders.deleteTree(folder);
    }

    private Path entry(String key) {
        return folder.resolve(key.substring(0, 2)).resolve(key);
    }

}
