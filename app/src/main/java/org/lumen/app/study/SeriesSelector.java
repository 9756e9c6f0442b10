// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.util.List;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;

/** Picks a series by UID or by its 0-based index in the order {@code lumen info} lists them. */
public final class SeriesSelector {

    private SeriesSelector() { }

    /** @param selector a Series Instance UID or an index; null picks the first image series */
    public static Series select(DicomIndex index, String selector) {
        List<Series> all = index.allSeries();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no series found" + (index.problems().isEmpty() ? ""
                    : " (" + index.problems().size() + " file(s) could not be used; see lumen info)"));
        }
        if (selector == null) {
            return all.stream().filter(Series::hasImages).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no image series found; only non-image objects"));
        }
        if (selector.matches("\\d{1,6}")) {
            int i = Integer.parseInt(selector);
            if (i >= all.size()) {
                throw new IllegalArgumentException("series index " + i + " is out of range: there are " + all.size() + " series (0.."
                        + (all.size() - 1) + ")");
            }
            return all.get(i);
        }
        return index.seriesByUid(selector)
                .orElseThrow(() -> new IllegalArgumentException("no series with UID " + selector));
    }
}
