// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/** General Series and Frame of Reference values shared by a series' instances. */
public record SeriesInfo(String seriesInstanceUid, Integer number, String description, String modality,
                         String frameOfReferenceUid, String bodyPart) {
}
