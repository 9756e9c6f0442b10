// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.query;

/** A series an archive answered with; the instance count and number are null when the archive did not say. */
public record SeriesMatch(String studyInstanceUid, String seriesInstanceUid, String modality, Integer seriesNumber,
                          String seriesDescription, Integer instances) {
}
