// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

/** One operating point of a FROC curve: at scores of {@code threshold} and above, the false positives per scan and sensitivity. */
public record FrocPoint(double threshold, double falsePositivesPerScan, double sensitivity) { }
