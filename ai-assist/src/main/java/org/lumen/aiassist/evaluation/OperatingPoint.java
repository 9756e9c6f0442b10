// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

/** A binary classifier at one threshold (positive when score ≥ threshold): the confusion matrix and what follows from it. */
public record OperatingPoint(double threshold, int truePositives, int falsePositives, int trueNegatives, int falseNegatives,
                             Interval sensitivity, Interval specificity) { }
