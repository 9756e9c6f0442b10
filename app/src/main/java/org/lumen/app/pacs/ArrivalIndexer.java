// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.pacs;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.study.StudyOpener;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.source.FileSource;

/**
 * Puts what arrived in the offline cache (a study the storage receiver was sent, a series the window
 * retrieved) into the catalog, with the study's cache folder as its source, so it opens later offline
 * and the window can say what is cached. {@code lumen pacs listen} and the window's receiver share it.
 * Catalog writes take turns: several associations may end at once.
 */
public final class ArrivalIndexer {

    private final StudyOpener opener;
    private final Path cacheRoot;
    private final Supplier<Catalog> catalog;

    /**
     * @param cacheRoot the PACS cache ({@code cache/pacs}), holding one folder per Study Instance UID
     * @param catalog the process's catalog (thread-safe), asked for when something arrived
     */
    public ArrivalIndexer(StudyOpener opener, Path cacheRoot, Supplier<Catalog> catalog) {
        this.opener = opener;
        this.cacheRoot = cacheRoot;
        this.catalog = catalog;
    }

    /** Indexes the whole cache folder of {@code studyUid} (what an association brought, and what was there). */
    public DicomIndex indexStudy(String studyUid, TaskContext task) throws Exception {
        Path folder = cacheRoot.resolve(studyUid);
        DicomIndex index = opener.openTask(folder).run(task);
        record(index, folder);
        return index;
    }

    /** Indexes only {@code files} of a study's cache folder: a series that has just arrived, without reading the rest again. */
    public DicomIndex indexFiles(String studyUid, List<Path> files, TaskContext task) throws Exception {
        DicomIndex index = opener.openTask(new FileSource(files)).run(task);
        record(index, cacheRoot.resolve(studyUid));
        return index;
    }

    private synchronized void record(DicomIndex index, Path folder) {
        if (index.studies().isEmpty()) {
            return;
        }
        catalog.get().studies().upsert(index, folder.toString());
    }
}
