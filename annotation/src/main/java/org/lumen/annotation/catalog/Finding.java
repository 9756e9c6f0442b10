// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import org.lumen.viewer.geometry.Vec3;

/** A stored AI finding: rank, score, label, centre and extent (mm, patient axes), volume in mm³ when known. */
public record Finding(long id, long runId, int rank, double score, String label, Vec3 centre, Vec3 extent, Double volumeMm3) {
}
