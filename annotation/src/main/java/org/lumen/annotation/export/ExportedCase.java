// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.util.Map;

/**
 * A case as written: its name, patient pseudonym and split, its files (relative to the export's
 * dataset folder) and what the manifest says of it. No identifier of the patient or of the images.
 *
 * @param spacingMm   column spacing, row spacing, slice spacing
 * @param dims        columns, rows, slices
 * @param labelVoxels voxels of each class, background first, by class name
 */
public record ExportedCase(String caseId, String patient, Split split, String image, String label, String modality,
                           String manufacturer, Double sliceThicknessMm, double[] spacingMm, int[] dims,
                           Map<String, Long> labelVoxels) {
}
