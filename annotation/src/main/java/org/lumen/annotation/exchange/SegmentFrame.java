// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import org.lumen.viewer.geometry.Vec3;

/**
 * One frame of a SEG: the segment it belongs to, where it lies (Image Position Patient, mm; null when
 * the file gives none), the source instance it derives from (null when none is named), and its pixels
 * row by row: 0 or 1 for BINARY, 0 to the maximum fractional value for FRACTIONAL.
 */
public record SegmentFrame(int segmentNumber, Vec3 position, String sourceSopInstanceUid, int sourceFrameNumber, byte[] pixels) {
}
