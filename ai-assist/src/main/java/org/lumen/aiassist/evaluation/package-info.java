// SPDX-License-Identifier: Apache-2.0
/**
 * How well a model's output agrees with ground truth, as plain numbers: detection (FROC with the LUNA16
 * rules, CPM, sensitivity by lesion size), segmentation (Dice, 95th-percentile Hausdorff distance, volume
 * error) and classification (ROC, AUC, sensitivity and specificity, calibration), each with bootstrap
 * confidence intervals over cases. No catalog, no model, no JavaFX: validation and the 2D screening scorer
 * give it plain data and show what it returns.
 */
package org.lumen.aiassist.evaluation;
