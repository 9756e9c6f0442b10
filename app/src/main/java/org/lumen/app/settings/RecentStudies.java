// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lumen.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studies opened lately, most recent first, at most {@link #MAX_ENTRIES}: each a path (folder,
 * file, zip or DICOMDIR), a label to show and when it was opened. Kept as JSON in the user data
 * folder and written atomically on every change. A missing file is an empty list; a corrupt or
 * unreadable one is an empty list and a logged warning, never an exception. Paths that no longer
 * exist are kept (a network drive may be back tomorrow) and say so through {@link Entry#exists()}.
 * Safe to share between threads.
 */
public final class RecentStudies {

    public static final int MAX_ENTRIES = 10;
    public static final String FILE_NAME = "recent-studies.json";

    private static final int FORMAT_VERSION = 1;

    /**
     * Made on first use: the window reads the list while it is being built, and with no list yet neither
     * Jackson's mapper nor (with a readable one) logging need to start there (ADR 0023).
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(RecentStudies.class);
    }

    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Path file;
    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();

    /**
     * One opened study.
     *
     * @param path     absolute and normalised
     * @param label    what the menu shows, e.g. the patient and study description, or the folder name
     * @param openedAt when it was last opened
     */
    public record Entry(Path path, String label, Instant openedAt) {

        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(openedAt, "openedAt");
            path = path.toAbsolutePath().normalize();
            label = label == null || label.isBlank() ? defaultLabel(path) : label.strip();
        }

        /** Whether the path is there now (checked on every call: drives come and go). */
        public boolean exists() {
            return Files.exists(path);
        }
    }

    private RecentStudies(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Where the list lives in a user data folder. */
    public static Path file(UserDataFolder folder) {
        return folder.root().resolve(FILE_NAME);
    }

    /** The list kept in the user data folder. */
    public static RecentStudies load(UserDataFolder folder) {
        return load(file(folder), Clock.systemUTC());
    }

    /** The list kept in {@code file}; empty (with a warning for anything but a missing file) when it cannot be read. */
    public static RecentStudies load(Path file, Clock clock) {
        RecentStudies recent = new RecentStudies(file, clock);
        recent.read();
        return recent;
    }

    public Path file() { return file; }

    /** The entries, most recent first (a snapshot). */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The most recent entry, if any. */
    public synchronized Optional<Entry> latest() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.getFirst());
    }

    /**
     * Puts {@code path} first, opened now, replacing an older entry for the same path, keeps at most
     * {@link #MAX_ENTRIES} and saves. The list in memory changes even when saving fails.
     *
     * @param label null or blank to use the path's file name
     * @throws IOException naming the file when the list cannot be saved
     */
    public synchronized Entry add(Path path, String label) throws IOException {
        Entry entry = new Entry(path, label, clock.instant());
        entries.removeIf(e -> e.path().equals(entry.path()));
        entries.addFirst(entry);
        while (entries.size() > MAX_ENTRIES) {
            entries.removeLast();
        }
        save();
        return entry;
    }

    /** Removes the entry for {@code path} (if any) and saves; true when there was one. */
    public synchronized boolean remove(Path path) throws IOException {
        Path normalised = path.toAbsolutePath().normalize();
        boolean removed = entries.removeIf(e -> e.path().equals(normalised));
        if (removed) {
            save();
        }
        return removed;
    }

    /** Removes every entry whose path no longer exists, and saves; how many were removed. */
    public synchronized int removeMissing() throws IOException {
        int before = entries.size();
        entries.removeIf(e -> !e.exists());
        int removed = before - entries.size();
        if (removed > 0) {
            save();
        }
        return removed;
    }

    public synchronized void clear() throws IOException {
        entries.clear();
        save();
    }

    /** Writes the list (temp file + rename), creating the folder when needed. */
    public synchronized void save() throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", FORMAT_VERSION);
        ArrayNode studies = root.putArray("studies");
        for (Entry e : entries) {
            studies.addObject()
                    .put("path", e.path().toString())
                    .put("label", e.label())
                    .put("openedAt", e.openedAt().toString());
        }
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IOException("cannot save the recent studies list " + file + ": " + e.getMessage(), e);
        }
    }

    private void read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return; // never saved yet
        } catch (IOException | RuntimeException e) {
            Log.LOG.warn("cannot read the recent studies list {} ({}); starting with an empty list", file, reason(e));
            return;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            Log.LOG.warn("the recent studies list {} is not valid JSON ({}); starting with an empty list", file,
                    e.getOriginalMessage());
            return;
        } catch (IOException | RuntimeException e) {
            Log.LOG.warn("cannot read the recent studies list {} ({}); starting with an empty list", file, reason(e));
            return;
        }
        JsonNode studies = root == null ? null : root.get("studies");
        if (studies == null || !studies.isArray()) {
            Log.LOG.warn("the recent studies list {} has no \"studies\" array; starting with an empty list", file);
            return;
        }
        int skipped = 0;
        for (JsonNode node : studies) {
            Entry entry = entry(node);
            if (entry == null) {
                skipped++;
            } else if (entries.size() < MAX_ENTRIES && entries.stream().noneMatch(e -> e.path().equals(entry.path()))) {
                entries.add(entry);
            }
        }
        if (skipped > 0) {
            Log.LOG.warn("left out {} unreadable entr{} of the recent studies list {}", skipped, skipped == 1 ? "y" : "ies", file);
        }
    }

    /** One entry of the file, or null when it is not one. */
    private static Entry entry(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("path").isTextual() || node.path("path").asText().isBlank()) {
            return null;
        }
        try {
            Path path = Path.of(node.path("path").asText());
            JsonNode label = node.get("label");
            JsonNode openedAt = node.get("openedAt");
            Instant when = openedAt != null && openedAt.isTextual() ? Instant.parse(openedAt.asText()) : Instant.EPOCH;
            return new Entry(path, label != null && label.isTextual() ? label.asText() : null, when);
        } catch (InvalidPathException | DateTimeParseException e) {
            return null;
        }
    }

    private static String defaultLabel(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
