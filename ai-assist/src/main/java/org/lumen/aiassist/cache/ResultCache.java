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
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.image2d.Heatmap2D;
import org.lumen.aiassist.image2d.ImageResult;
import org.lumen.aiassist.image2d.ImageResultStore;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.io.AtomicFiles;
import org.lumen.io.Folders;
import org.lumen.viewer.geometry.Vec3;

/**
 * Inference results on disk, one folder per key: a volume model's per series (series × model id, version and
 * sha256 × options), a 2D model's per image (SOP Instance UID, frame and pixels × model × options; see
 * {@link org.lumen.aiassist.image2d.ImageInferenceEngine#key}). Each folder holds {@code result.json} and one sparse
 * heatmap file per map. A result is written into a hidden folder and renamed into place, so a crash never leaves half
 * a result to be "instantly reopened". Damaged entries are dropped and recomputed.
 */
public final class ResultCache implements ResultStore, ImageResultStore {

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
        writeEntry(key, partial -> {
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
            return root;
        });
    }

    @Override
    public Optional<ImageResult> loadImage(String key, ImageFacts facts) throws IOException {
        Path entry = entry(key);
        Path index = entry.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            return Optional.empty();
        }
        try {
            JsonNode root = ResultJson.MAPPER.readTree(index.toFile());
            return Optional.of(ImageResultJson.read(root, facts, (file, columns, rows) -> readMap(entry.resolve(file), columns, rows)));
        } catch (IOException | RuntimeException e) {
            // A damaged entry is worth less than recomputing it.
            Folders.deleteTree(entry);
            return Optional.empty();
        }
    }

    @Override
    public void storeImage(String key, ImageResult result) throws IOException {
        writeEntry(key, partial -> {
            List<Heatmap2D> maps = new ArrayList<>(result.heatmaps());
            if (result.explanation() != null) {
                maps.add(result.explanation().map());
            }
            List<String> files = new ArrayList<>();
            for (Heatmap2D map : maps) {
                String file = "map-" + files.size() + ".lhm";
                HeatmapFile.write(partial.resolve(file), rowsAsSlices(map.columns(), map.rows(), map.values()));
                files.add(file);
            }
            return ImageResultJson.write(result, files);
        });
    }

    /**
     * A 2D map in the heatmap file format: each map row one slice, so that rows of zeros (most of a lesion map) are not
     * stored, and the grid's steps are the map's pixel steps. A row is left out only when every value is +0 (a row
     * holding -0 is kept: the map read back is the map, bit for bit).
     */
    private static FloatVolume rowsAsSlices(int columns, int rows, float[] values) {
        float[][] slices = new float[rows][];
        for (int y = 0; y < rows; y++) {
            int from = y * columns;
            for (int x = from; x < from + columns; x++) {
                if (Float.floatToRawIntBits(values[x]) != 0) {
                    slices[y] = java.util.Arrays.copyOfRange(values, from, from + columns);
                    break;
                }
            }
        }
        return new FloatVolume(new Grid(columns, 1, rows, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1)), slices);
    }

    private static float[] readMap(Path file, int columns, int rows) throws IOException {
        FloatVolume volume = HeatmapFile.read(file);
        Grid g = volume.grid();
        if (g.nx() != columns || g.ny() != 1 || g.nz() != rows) {
            throw new IOException(file + " holds a " + g.nx() + "x" + g.ny() + "x" + g.nz() + " grid, not a " + columns + "x" + rows
                    + " map");
        }
        float[] values = new float[columns * rows];
        for (int y = 0; y < rows; y++) {
            float[] row = volume.slice(y);
            if (row != null) {
                System.arraycopy(row, 0, values, y * columns, columns);
            }
        }
        return values;
    }

    /** Writes what {@code contents} puts into a fresh hidden folder (returning the index), then renames it into place. */
    private void writeEntry(String key, EntryWriter contents) throws IOException {
        Path entry = entry(key);
        Files.createDirectories(entry.getParent());
        Path partial = entry.resolveSibling("." + key + ".partial");
        Folders.deleteTree(partial);
        Files.createDirectories(partial);
        try {
            ObjectNode root = contents.write(partial);
            AtomicFiles.write(partial.resolve(INDEX), ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException | RuntimeException e) {
            try {
                Folders.deleteTree(partial); // a write that failed (disk full) leaves nothing behind
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
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

    /** Writes an entry's files into its hidden folder and gives its index. */
    @FunctionalInterface
    private interface EntryWriter {
        ObjectNode write(Path partial) throws IOException;
    }

    private Path entry(String key) {
        return folder.resolve(key.substring(0, 2)).resolve(key);
    }

}
