// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.nio.file.Path;
import java.util.List;

/**
 * What a retrieve brought: the files now in the cache (complete, each written atomically), and the
 * archive's own counts of sub-operations that failed or completed with a warning.
 */
public record RetrieveResult(List<Path> files, int failed, int warnings) {

    public RetrieveResult {
        files = List.copyOf(files);
    }
}
