// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import java.nio.file.Path;
import java.util.List;
import org.lumen.task.TaskContext;

/** Explicitly chosen files (a single file, or a multi-selection in the open dialog). */
public record FileSource(List<Path> paths) implements DicomSource {

    public FileSource {
        paths = List.copyOf(paths);
    }

    @Override
    public String description() {
        return paths.size() == 1 ? paths.getFirst().toString() : paths.size() + " files";
    }

    @Override
    public SourceListing list(TaskContext context) {
        return new SourceListing(paths, List.of());
    }
}
