// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where a trainer wants each case's files, and the description file it reads. */
interface TrainerLayout {

    /** The folder inside the export that holds the dataset ("" for the export itself). */
    String datasetFolder();

    /** The image file of a case, relative to the dataset folder. */
    String image(CasePlan c);

    /** The label file of a case, relative to the dataset folder. */
    String label(CasePlan c);

    /** Writes the trainer's own description files (dataset.json, datalists) into {@code folder}. */
    void describe(Path folder, ExportContext context, List<ExportedCase> cases) throws IOException;

    /** What a layout's description needs to know of the export as a whole. */
    record ExportContext(String datasetName, String description, ExportClasses classes, String channel) { }

    static TrainerLayout of(ExportFormat format, String datasetName, int datasetId) {
        return switch (format) {
            case NNUNET -> new NnUnetLayout(datasetName, datasetId);
            case MONAI -> new MonaiLayout();
            case IMAGEJ -> new ImageJLayout();
            case COCO -> throw new IllegalArgumentException("COCO is written by CocoExport, not as a volume layout");
            case DICOM -> throw new IllegalArgumentException("DICOM is written by DicomDatasetExport, not as a volume layout");
        };
    }
}
