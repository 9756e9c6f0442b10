// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

/** A detector at one score threshold: sensitivity and false positives per scan, each with its bootstrap interval. */
public record DetectionAtThreshold(double threshold, int scans, int lesions, int found, int falsePositives,
                                   Interval sensitivity, Interval falsePositivesPerScan) { }
