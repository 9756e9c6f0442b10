// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

/**
 * What the intended-use check needs to know about a series, as plain data: built from the viewer's
 * series and volume by {@code grid.VolumeFacts}, or by hand in tests. Any field the file does not
 * give is null.
 *
 * @param bodyPartExamined  Body Part Examined (0018,0015)
 * @param sliceThicknessMm  the largest Slice Thickness of the series' frames
 * @param sliceSpacingMm    distance between slice centres along the normal, as the stack uses it
 * @param regularVolume     whether the slices form a regular volume (the viewer's StackPlan.isVolume())
 * @param volumeNote        why they do not, in the stack planner's words (null when they do)
 * @param fieldOfViewMm     the larger in-plane extent of a slice: columns × column spacing or rows × row spacing
 * @param values            a sample of the series' modality values (HU for CT), or null when not read
 */
public record SeriesFacts(String modality, String bodyPartExamined, String studyDescription, String seriesDescription,
                          Double sliceThicknessMm, Double sliceSpacingMm, boolean regularVolume, String volumeNote,
                          Double fieldOfViewMm, ValueSample values) {
}
