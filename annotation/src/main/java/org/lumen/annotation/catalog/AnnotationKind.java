// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** What an annotation's revisions hold: a voxel mask, vector shapes in patient mm, or a classification. */
public enum AnnotationKind {
    MASK,
    VECTOR,
    CLASSIFICATION
}
