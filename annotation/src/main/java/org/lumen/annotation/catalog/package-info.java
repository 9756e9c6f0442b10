// SPDX-License-Identifier: Apache-2.0
/**
 * The local SQLite catalog (JavaFX-free): the index of opened studies, datasets and label classes,
 * annotations as append-only revisions with their origin, AI runs with findings and the human
 * decisions on them, review workflow and inter-annotator agreement. {@link org.lumen.annotation.catalog.Catalog}
 * is the entry point; every store takes and returns plain records. docs/catalog.md documents the schema,
 * the revision model, crash-safety guarantees and errors.
 */
package org.lumen.annotation.catalog;
