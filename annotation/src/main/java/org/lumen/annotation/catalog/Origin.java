// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Objects;

/**
 * Where a revision's content came from: drawn by hand, made from an AI finding (run and finding),
 * or imported from a file. A restored revision keeps the origin of the revision it restores.
 */
public sealed interface Origin {

    Origin MANUAL = new Manual();

    /** Drawn or edited by a person. */
    record Manual() implements Origin { }

    /** Made from finding {@code findingId} of AI run {@code runId} (the model's label, before any human edit). */
    record FromAiFinding(long runId, long findingId) implements Origin { }

    /** Imported from {@code source} (a file path or a description of it). */
    record Imported(String source) implements Origin {
        public Imported {
            Objects.requireNonNull(source, "source");
        }
    }
}
