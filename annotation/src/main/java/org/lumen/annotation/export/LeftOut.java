// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

/** A dataset member that is not exported, and why (no label mask, marked skipped). Reported to the user, not written out. */
public record LeftOut(String seriesUid, int position, String why) {
}
