// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a C-STORE send did: the files the archive stored, and for each one it did not, why. */
public record SendResult(List<Path> stored, Map<Path, String> notStored) {

    public SendResult {
        stored = List.copyOf(stored);
        notStored = Map.copyOf(notStored);
    }
}
