// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.UUID;

/**
 * A label that is not a mask: a shape in patient mm ({@link VectorLabel}) or a classification of an
 * image or a series. Immutable records; editing makes a copy with the same {@link #id()}, which the
 * catalog keeps across revisions.
 */
public sealed interface ObjectLabel permits VectorLabel, ClassificationLabel {

    UUID id();

    /** The series the label belongs to. */
    String seriesInstanceUid();

    /** The class name from the dataset's label schema ("nodule", "normal", …). */
    String labelClass();

    /** A copy with another class; same id. */
    ObjectLabel withClass(String labelClass);
}
