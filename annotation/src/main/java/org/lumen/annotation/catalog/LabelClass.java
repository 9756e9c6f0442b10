// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/**
 * A label class: of a dataset's schema ({@code datasetId}) or global (null). {@code maskValue}
 * (1–255) is the voxel value that means this class in a mask; {@code code} the optional standard code.
 */
public record LabelClass(long id, Long datasetId, String name, String colour, LabelType type, Integer maskValue, Code code) {
}
