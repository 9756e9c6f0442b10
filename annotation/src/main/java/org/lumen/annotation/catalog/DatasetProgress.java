// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** Counts for the dataset panel: cases by labelling status, and how many are submitted or approved. */
public record DatasetProgress(int cases, int todo, int inProgress, int done, int skipped, int submitted, int approved) {
}
