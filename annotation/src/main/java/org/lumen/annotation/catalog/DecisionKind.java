// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** What a person decided about an AI finding. */
public enum DecisionKind {
    ACCEPT,
    REJECT,
    /** Accepted with a corrected label; the decision may name the revision that holds the edit. */
    EDIT,
    UNCERTAIN
}
