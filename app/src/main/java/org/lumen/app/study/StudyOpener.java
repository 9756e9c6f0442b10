// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.io.IOException;
import java.nio.file.Path;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.task.BackgroundTask;
import org.lumen.task.Pools;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.DicomSource;
import org.lumen.viewer.source.DicomSources;

/** Opens a path (folder, file, zip, DICOMDIR) into an index: the one path the GUI and the CLI share. */
public final class StudyOpener {

    private final Pools pools;
    private final UserDataFolder dataFolder;

    public StudyOpener(Pools pools, UserDataFolder dataFolder) {
        this.pools = pools;
        this.dataFolder = dataFolder;
    }

    public BackgroundTask<DicomIndex> openTask(Path path) throws IOException {
        return openTask(DicomSources.open(path, dataFolder.extracted()));
    }

    public BackgroundTask<DicomIndex> openTask(DicomSource source) {
        return new Indexer(pools.io(), pools.decodeThreads()).task(source);
    }
}
