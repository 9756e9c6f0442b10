// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.nio.file.Path;
import java.util.List;

/**
 * What a 2D phantom generator wrote.
 *
 * @param dicomFiles the DICOM files, one per image, in the truth's image order
 * @param lesions    the planted lesions, as in the ground truth
 */
public record PlanarPhantomResult(Path directory, List<Path> dicomFiles, Path groundTruthFile, PlanarTruth groundTruth,
                                  List<PlanarLesion> lesions) {

    public PlanarPhantomResult {
        dicomFiles = List.copyOf(dicomFiles);
        lesions = List.copyOf(lesions);
    }
}
