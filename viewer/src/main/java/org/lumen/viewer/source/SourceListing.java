// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import java.nio.file.Path;
import java.util.List;
import org.lumen.viewer.index.Problem;

/** The files a source offers, and the problems met while listing them (missing files, bad zip entries). */
public record SourceListing(List<Path> files, List<Problem> problems) {

    public SourceListing {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }
}
