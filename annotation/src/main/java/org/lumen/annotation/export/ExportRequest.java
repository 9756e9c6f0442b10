// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to export and where.
 *
 * @param out       a folder that must not exist yet: the export is built beside it and renamed into place
 * @param seed      the split's seed: the same seed, cases and key give the same split
 * @param datasetId nnU-Net's dataset number (1–999), in the folder name {@code DatasetNNN_Name}
 * @param window    COCO's PNG window: a preset name or "CENTER,WIDTH"; null for the modality's first preset (CT: lung)
 */
public record ExportRequest(String dataset, ExportFormat format, Path out, long seed, SplitFractions fractions, int datasetId,
                            String window) {

    /** A request without a COCO window. */
    public ExportRequest(String dataset, ExportFormat format, Path out, long seed, SplitFractions fractions, int datasetId) {
        this(dataset, format, out, seed, fractions, datasetId, null);
    }

    public ExportRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(fractions, "fractions");
    }
}
