// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** How much of an index went into the catalog in one import. */
public record ImportSummary(int studies, int series, int instances) {
}
