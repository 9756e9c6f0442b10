// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

/** What the reader decided about one finding; the app stores it in the catalog with who and when. */
public enum FindingDecision {
    ACCEPT, REJECT, UNCERTAIN
}
