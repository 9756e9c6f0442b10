// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Objects;

/**
 * A catalog operation that failed, with one sentence a user can act on and a {@link Reason} code
 * can act on. Unchecked, like JDBC wrappers elsewhere: every catalog call can fail for reasons the
 * caller did not cause (a locked or full disk), and the UI reports them all the same way.
 */
public final class CatalogException extends RuntimeException {

    /** Why an operation failed. */
    public enum Reason {
        /** Another writer holds the catalog beyond the busy timeout. */
        LOCKED,
        /** The file or its folder cannot be written. */
        READ_ONLY,
        /** The disk (or a size limit) is full. */
        DISK_FULL,
        /** The file is not an SQLite database, or is one but not a Lumen catalog. */
        NOT_A_CATALOG,
        /** The file was written by a newer Lumen whose schema this build does not know. */
        NEWER_SCHEMA,
        /** SQLite reports the file damaged. */
        CORRUPT,
        /** The file or its folder does not exist or cannot be opened. */
        NOT_FOUND,
        /** A referenced row (series, person, annotation, revision …) does not exist. */
        NO_SUCH_ROW,
        /** The request breaks a rule: an illegal review transition, a stale head, a wrong payload kind. */
        REFUSED,
        /** Anything else SQLite or the file system reported. */
        FAILED
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public CatalogException(Reason reason, String sentence) {
        super(sentence);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public CatalogException(Reason reason, String sentence, Throwable cause) {
        super(sentence, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
