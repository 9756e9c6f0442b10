// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.nio.file.Path;
import java.util.List;

/**
 * What a phantom generator wrote.
 *
 * @param dicomFiles      the DICOM files in slice order (a single file for a multi-frame phantom)
 * @param nodules         the nodules, by id (empty for phantoms without nodules)
 */
public record PhantomResult(Path directory, List<Path> dicomFiles, Path groundTruthFile, Path labelVolumeFile,
                            GroundTruth groundTruth, List<Nodule> nodules) {

    public PhantomResult {
        dicomFiles = List.copyOf(dicomFiles);
        nodules = List.copyOf(nodules);
    }

    public String studyInstanceUid() { return groundTruth.studyInstanceUid(); }

    public String seriesInstanceUid() { return groundTruth.seriesInstanceUid(); }
}
