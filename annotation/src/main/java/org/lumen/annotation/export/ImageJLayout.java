// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.nio.file.Path;
import java.util.List;

/**
 * Fiji / ImageJ / QuPath: per split a folder ({@code train/}, {@code validation/}, {@code test/}) with each case as
 * {@code CASE.tif}, a calibrated hyperstack whose second channel is the label mask, and {@code CASE_RoiSet.zip}
 * with its boxes and points (written by {@code export.imagej}). There are no description files: the manifest says
 * what each case is, the TIFF's own info text says its patient-space geometry and classes.
 */
final class ImageJLayout implements TrainerLayout {

    @Override
    public String datasetFolder() {
        return "";
    }

    @Override
    public String image(CasePlan c) {
        return c.split().word() + "/" + c.caseId() + ".tif";
    }

    /** The labels are the image's second channel: the same file. */
    @Override
    public String label(CasePlan c) {
        return image(c);
    }

    @Override
    public void describe(Path folder, ExportContext context, List<ExportedCase> cases) {
        // Nothing beyond the manifest: Fiji reads the calibration and the classes from each TIFF.
    }
}
