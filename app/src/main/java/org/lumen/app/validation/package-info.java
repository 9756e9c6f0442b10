// SPDX-License-Identifier: Apache-2.0
/**
 * Local validation (issue 14): a model run over a labelled dataset of the catalog, its findings scored against
 * the dataset's ground truth with {@code org.lumen.aiassist.evaluation}, overall, by lesion size and by the
 * subgroups the DICOM headers give (scanner, slice thickness, kVp, sex, age), beside the claims of the model's
 * card; written as JSON and as a self-contained HTML report. No JavaFX here: the command line and (later) the
 * window's Validation view run the same code.
 */
package org.lumen.app.validation;
