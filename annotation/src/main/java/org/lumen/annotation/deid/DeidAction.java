// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

/**
 * What happens to one attribute (PS3.15 Table E.1-1's action codes). The table's combined codes
 * (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) are resolved by {@link #resolve(String)} without knowing the IOD:
 * the attribute stays where the IOD could require it (an empty value, or a dummy where it could be
 * Type 1), which never keeps the original value.
 */
public enum DeidAction {
    /** X: remove the attribute. */
    REMOVE,
    /** Z: keep it with an empty value. */
    EMPTY,
    /** D: replace the value with a dummy of the same VR. */
    DUMMY,
    /** K: keep it (sequences: de-identify their items). */
    KEEP,
    /** C: keep a cleaned value (dates shifted, descriptors scrubbed of identifying values). */
    CLEAN,
    /** U: replace each UID with one derived from it, the same across exports. */
    REPLACE_UID;

    /** The action for a code of the table, e.g. {@code "X/Z/D"} → {@link #DUMMY}. */
    public static DeidAction resolve(String code) {
        String c = code.trim().toUpperCase(java.util.Locale.ROOT);
        if (c.contains("U")) {
            return REPLACE_UID;
        }
        if (c.contains("D")) {
            return DUMMY;
        }
        if (c.contains("Z")) {
            return EMPTY;
        }
        return switch (c) {
            case "X" -> REMOVE;
            case "K" -> KEEP;
            case "C" -> CLEAN;
            default -> throw new IllegalArgumentException("'" + code + "' is not an action of PS3.15 Table E.1-1");
        };
    }
}
