// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;
import java.util.List;

/** A stored comparison of two mask revisions of one series, per label value. */
public record Agreement(long id, String seriesUid, long revisionA, long revisionB, Instant computedAt, int connectivity,
                        List<ClassAgreement> classes) {

    public Agreement {
        classes = List.copyOf(classes);
    }
}
