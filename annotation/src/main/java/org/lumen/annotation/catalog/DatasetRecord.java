// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/** A training dataset: a named set of series labelled with one label schema (its label classes). */
public record DatasetRecord(long id, String name, String description, String labelSchema, Instant createdAt) {
}
