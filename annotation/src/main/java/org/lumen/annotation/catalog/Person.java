// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/** Someone who labels (annotator), reviews (reviewer) or decides on AI findings; identified by a unique name. */
public record Person(long id, String name, boolean annotator, boolean reviewer, Instant createdAt) {
}
