// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.util.Locale;

/** What the failure statuses of C-FIND, C-GET and C-MOVE responses (PS3.4 §C.4) mean, in words. */
final class DimseStatuses {

    static final int SUCCESS = 0x0000;
    static final int PENDING = 0xFF00;
    static final int PENDING_WARNING = 0xFF01;
    static final int CANCELLED = 0xFE00;
    /** Sub-operations completed, one or more with failures or warnings (C-GET, C-MOVE). */
    static final int WARNING = 0xB000;
    /** C-STORE-RSP "out of resources": Lumen's disk could not take the instance. */
    static final int OUT_OF_RESOURCES = 0xA700;

    private DimseStatuses() { }

    static boolean isPending(int status) {
        return status == PENDING || status == PENDING_WARNING;
    }

    static String describe(int status) {
        String words;
        if (status == 0xA700) {
            words = "out of resources";
        } else if (status == 0xA701) {
            words = "out of resources: unable to calculate the number of matches";
        } else if (status == 0xA702) {
            words = "out of resources: unable to perform sub-operations";
        } else if (status == 0xA801) {
            words = "move destination unknown (the PACS does not know Lumen's AE title as a destination)";
        } else if (status == 0xA900) {
            words = "the request does not match the SOP class";
        } else if (status == 0x0122) {
            words = "SOP class not supported";
        } else if ((status & 0xF000) == 0xC000) {
            words = "unable to process (for a retrieve: often nothing matches what was asked)";
        } else {
            words = "failed";
        }
        return String.format(Locale.ROOT, "%s (status 0x%04X)", words, status);
    }
}
