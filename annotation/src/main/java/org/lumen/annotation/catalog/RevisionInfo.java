// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/**
 * A revision without its content: who saved it when, on which parent, from what origin, and, for a
 * restore, which earlier revision it copies. {@code number} counts 1, 2, 3 … within its annotation;
 * {@code storedBytes} is what this save added to the file (a mask stroke: only its changed slices).
 */
public record RevisionInfo(long id, long annotationId, int number, Long parentId, long authorId, Instant createdAt,
                           Origin origin, Long restoredFromId, AnnotationKind payloadKind, long storedBytes,
                           String payloadSha256, String comment) {
}
