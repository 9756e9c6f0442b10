// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an export wrote.
 *
 * @param folder       where the trainer's dataset lies (inside {@code out} for nnU-Net)
 * @param labels       the label table written (background 0, classes 1…)
 * @param loadSeconds  reading and decoding the series
 * @param writeSeconds compressing and writing the NIfTI files (the compression's share of the time)
 */
public record ExportSummary(Path out, Path folder, ExportFormat format, List<ExportedCase> cases, List<LeftOut> leftOut,
                            Map<String, Integer> labels, double loadSeconds, double writeSeconds, double totalSeconds) {

    public ExportSummary {
        cases = List.copyOf(cases);
        leftOut = List.copyOf(leftOut);
    }

    public long count(Split split) {
        return cases.stream().filter(c -> c.split() == split).count();
    }
}
