// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Objects;

/** What a new annotation is on: a series (in the catalog's index), optionally a dataset and a label class. */
public record NewAnnotation(String seriesUid, Long datasetId, AnnotationKind kind, Long labelClassId) {

    public NewAnnotation {
        Objects.requireNonNull(seriesUid, "seriesUid");
        Objects.requireNonNull(kind, "kind");
    }

    public static NewAnnotation of(String seriesUid, AnnotationKind kind) {
        return new NewAnnotation(seriesUid, null, kind, null);
    }
}
