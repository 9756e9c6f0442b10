// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.lumen.annotation.catalog.CachedStudy;
import org.lumen.annotation.catalog.CachedStudyStore;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.io.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline cache's policy: studies retrieved or received into {@code <data>/cache/pacs/STUDY_UID/}
 * are recorded in the catalog with their size, stamped when opened, pinned by the reader, and evicted
 * least recently used first (pinned ones never, nor the ones the caller keeps) once the cache is over
 * its limit. Evicting a study deletes its folder and its files' rows in the catalog's index, so it no
 * longer opens from a folder that is gone; labels, annotations, reviews, AI runs and measurements stay.
 * Calls do I/O and catalog work: run them off the FX thread.
 */
public final class OfflineCache {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineCache.class);

    private final Path root;

    public OfflineCache(UserDataFolder data) {
        this(data.pacsCache());
    }

    public OfflineCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder of a study in the cache (whether or not it is there). */
    public Path folderOf(String studyUid) {
        return root.resolve(studyUid);
    }

    /** The study of a path inside the cache (its folder, or a file in it); empty for any other path. */
    public Optional<String> studyOf(Path path) {
        if (path == null) {
            return Optional.empty();
        }
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(root) || p.getNameCount() <= root.getNameCount()) {
            return Optional.empty();
        }
        return Optional.of(p.getName(root.getNameCount()).toString());
    }

    /** What a study's folder holds: its whole instances ({@code *.dcm}) and their bytes. */
    public record FolderSize(int instances, long bytes) { }

    public FolderSize measure(String studyUid) throws IOException {
        Path folder = folderOf(studyUid);
        if (!Files.isDirectory(folder)) {
            return new FolderSize(0, 0);
        }
        int instances = 0;
        long bytes = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".dcm") && !name.startsWith(".") && Files.isRegularFile(f)) {
                    instances++;
                    bytes += Files.size(f);
                }
            }
        }
        return new FolderSize(instances, bytes);
    }

    /** Records (or updates) a study after a retrieve or a receive, its size counted from its folder. */
    public CachedStudy record(Catalog catalog, String studyUid, String source) throws IOException {
        FolderSize size = measure(studyUid);
        catalog.cache().record(studyUid, folderOf(studyUid), size.bytes(), size.instances(), source);
        return catalog.cache().study(studyUid).orElseThrow();
    }

    /** Stamps a study as opened now, when {@code path} lies in the cache and the catalog records its study. */
    public boolean opened(Catalog catalog, Path path) {
        return studyOf(path).map(uid -> catalog.cache().opened(uid)).orElse(false);
    }

    /** Pins or unpins a cached study; a sentence when the cache does not hold it. */
    public void pin(Catalog catalog, String studyUid, boolean pinned) {
        if (!catalog.cache().pin(studyUid, pinned)) {
            throw new IllegalArgumentException(notCached(studyUid));
        }
    }

    /** What eviction did to one study. */
    public record Evicted(String studyUid, long bytes, int instances, CachedStudyStore.Forgotten catalog) { }

    /**
     * Evicts one study, pinned or not (the reader asked for it): its catalog rows first, then its
     * folder, so the catalog never points at files that are gone.
     */
    public Evicted evict(Catalog catalog, String studyUid) throws IOException {
        CachedStudy s = catalog.cache().study(studyUid).orElse(null);
        Path folder = folderOf(studyUid);
        if (s == null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(notCached(studyUid));
        }
        if (s != null && !s.folder().toAbsolutePath().normalize().equals(folder)) {
            // Only what lies in this cache is Lumen's to delete.
            LOG.warn("the catalog records study {} in {}, outside the cache {}; its files are left there", studyUid, s.folder(), root);
        }
        FolderSize size = measure(studyUid);
        CachedStudyStore.Forgotten forgotten = catalog.cache().forget(studyUid);
        deleteTree(folder);
        LOG.info("evicted study {} from the offline cache: {} bytes in {} instance(s)", studyUid, size.bytes(), size.instances());
        return new Evicted(studyUid, s == null ? size.bytes() : Math.max(s.bytes(), size.bytes()), size.instances(), forgotten);
    }

    /**
     * Evicts unpinned studies, least recently used first, until the cache holds at most {@code limit}
     * bytes; never a study in {@code keep} (the one just retrieved, the ones on screen).
     */
    public List<Evicted> evictToLimit(Catalog catalog, long limit, Set<String> keep) throws IOException {
        long total = catalog.cache().totalBytes();
        List<Evicted> evicted = new ArrayList<>();
        for (CachedStudy s : catalog.cache().evictable()) {
            if (total <= limit) {
                break;
            }
            if (keep.contains(s.studyUid())) {
                continue;
            }
            evicted.add(evict(catalog, s.studyUid()));
            total -= s.bytes();
        }
        if (total > limit) {
            LOG.info("the offline cache holds {} bytes, over its limit of {}: the rest is pinned or in use", total, limit);
        }
        return evicted;
    }

    private String notCached(String studyUid) {
        return "study " + studyUid + " is not in the offline cache (lumen cache list shows what is)";
    }

    /** Deletes a study's folder and everything in it; a folder already gone is fine. */
    private void deleteTree(Path folder) throws IOException {
        if (!folder.startsWith(root) || folder.equals(root) || !Files.exists(folder)) {
            return;
        }
        try {
            Folders.deleteTree(folder);
        } catch (NoSuchFileException e) {
            // Gone meanwhile: what eviction wanted.
        } catch (IOException e) {
            throw new IOException("study " + folder.getFileName() + " is out of the catalog, but its folder " + folder
                    + " could not be deleted: " + e.getMessage(), e);
        }
    }
}
