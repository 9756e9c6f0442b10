// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A study in the offline cache, with what the catalog's index knows of it (patient, date, description,
 * modalities: null or empty where the study is not indexed yet).
 *
 * @param lastOpened null when it was never opened since it arrived
 */
public record CachedStudy(String studyUid, Path folder, long bytes, int instances, boolean pinned, Instant cachedAt,
                          Instant lastOpened, String source, String patientName, String patientId, String studyDate,
                          String description, List<String> modalities) {

    public CachedStudy {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
    }

    /** When it was last used: opened, or cached when never opened. Eviction goes by this, oldest first. */
    public Instant lastUsed() {
        return lastOpened != null ? lastOpened : cachedAt;
    }
}
