// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/** How far labelling of one dataset member (a case) has come; review is separate ({@link ReviewState}). */
public enum MemberStatus {
    TODO,
    IN_PROGRESS,
    DONE,
    SKIPPED
}
