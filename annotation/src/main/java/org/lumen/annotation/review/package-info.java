// SPDX-License-Identifier: Apache-2.0
/**
 * The review workflow as the workstation shows it (JavaFX-free): {@link org.lumen.annotation.review.CaseReview}
 * summarises one case (a series in a dataset) from the catalog — its annotations with author,
 * revisions and review state, the case's own state, the merged review history, and the agreement of
 * annotators' masks — and {@link org.lumen.annotation.review.ReviewMoves} makes the moves a reviewer or
 * annotator asks for, with the rules the panel shows (returning needs a comment).
 */
package org.lumen.annotation.review;
