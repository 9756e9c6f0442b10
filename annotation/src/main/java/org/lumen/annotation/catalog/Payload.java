// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** The content of one revision. */
public sealed interface Payload permits MaskPayload, VectorPayload, ClassificationPayload {

    AnnotationKind kind();
}
