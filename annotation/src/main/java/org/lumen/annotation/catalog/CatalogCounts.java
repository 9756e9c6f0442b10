// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** Row counts of the catalog's main tables, as {@code lumen catalog check} reports them. */
public record CatalogCounts(long studies, long series, long instances, long datasets, long annotations,
                            long revisions, long aiRuns, long findings, long decisions) {
}
