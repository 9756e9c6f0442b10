// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

import org.lumen.annotation.catalog.Code;

/**
 * Lumen's private coding scheme (99LUMEN, as PS3.16 8.2 allows for concepts no standard code covers):
 * the human review of an AI finding. SRs that use it declare it in their Coding
 * Scheme Identification Sequence.
 */
public final class LumenCodes {

    public static final String SCHEME = "99LUMEN";
    public static final String SCHEME_NAME = "Lumen workstation codes";
    public static final Code REVIEW = new Code(SCHEME, "REVIEW", "Human review of AI finding");
    public static final Code ACCEPTED = new Code(SCHEME, "ACCEPTED", "Accepted");
    public static final Code REJECTED = new Code(SCHEME, "REJECTED", "Rejected");
    public static final Code UNCERTAIN = new Code(SCHEME, "UNCERTAIN", "Uncertain");
    public static final Code EDITED = new Code(SCHEME, "EDITED", "Accepted with a corrected label");

    private LumenCodes() { }
}
