// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.util.List;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.AnnotationRevision;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.MemberStatus;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;

/** Adds a series with a finished label mask to a dataset: what a labelled case is when it comes from outside the editor. */
public final class LabelledCases {

    private LabelledCases() { }

    /**
     * Makes {@code seriesUid} (already in the catalog's index) a case of {@code dataset}, saves {@code mask} as its
     * mask annotation (by {@code authorId}, with {@code origin} saying where it came from) and marks the case done.
     */
    public static AnnotationRevision add(Catalog catalog, DatasetRecord dataset, String seriesUid, MaskPayload mask, long authorId,
                                         Origin origin, String comment) {
        catalog.datasets().addMembers(dataset.id(), List.of(seriesUid));
        AnnotationRevision revision = catalog.annotations().create(new NewAnnotation(seriesUid, dataset.id(), AnnotationKind.MASK, null),
                authorId, origin, mask, comment);
        catalog.datasets().setStatus(dataset.id(), seriesUid, MemberStatus.DONE);
        return revision;
    }
}
