// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import org.lumen.annotation.catalog.Code;

/**
 * One segment of a SEG read from a file: its number, label, category and type, how it was made
 * (algorithm type and name, the name null for MANUAL) and its colour ("#rrggbb", null when the file gives none).
 */
public record ImportedSegment(int number, String label, Code category, Code type, String algorithmType, String algorithmName,
                              String colour) {
}
