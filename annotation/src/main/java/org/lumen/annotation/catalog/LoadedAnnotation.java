// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** An annotation with its current content, as a case opens; {@code head} is null before the first save. */
public record LoadedAnnotation(Annotation annotation, AnnotationRevision head) {
}
