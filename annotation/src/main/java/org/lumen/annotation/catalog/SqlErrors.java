// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.lumen.annotation.catalog.CatalogException.Reason;

/**
 * Turns SQLite's result codes into one sentence that names the file and says what to do, so the
 * UI and the CLI never show "[SQLITE_BUSY] The database file is locked (database is locked)".
 */
final class SqlErrors {

    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int CONSTRAINT = 19;
    private static final int NOTADB = 26;

    private SqlErrors() { }

    /**
     * @param doing what the catalog was doing, as the start of a sentence ("cannot save revision 3 of annotation 7")
     */
    static CatalogException translate(SQLException e, String doing, Path file, Duration busyTimeout) {
        int primary = e.getErrorCode() & 0xFF;
        String message = e.getMessage() == null ? "" : e.getMessage();
        return switch (primary) {
            case BUSY, LOCKED -> new CatalogException(Reason.LOCKED, doing + ": the catalog " + file
                    + " is locked by another writer (waited " + seconds(busyTimeout)
                    + "); close the other Lumen window or process using it and try again", e);
            case READONLY -> new CatalogException(Reason.READ_ONLY, doing + ": the catalog " + file
                    + " is read-only; make the file and its folder writable, or open a copy", e);
            case FULL -> new CatalogException(Reason.DISK_FULL, doing + ": the disk holding the catalog " + file
                    + " is full; free some space and try again (nothing was saved)", e);
            case NOTADB -> new CatalogException(Reason.NOT_A_CATALOG, doing + ": " + file
                    + " is not an SQLite database, so not a Lumen catalog", e);
            case CORRUPT -> new CatalogException(Reason.CORRUPT, doing + ": the catalog " + file
                    + " is damaged (" + detail(message) + "); restore it from a backup", e);
            case CANTOPEN -> new CatalogException(Reason.NOT_FOUND, doing + ": the catalog " + file
                    + " cannot be opened (" + detail(message) + ")", e);
            case IOERR -> new CatalogException(Reason.FAILED, doing + ": reading or writing the catalog " + file
                    + " failed (" + detail(message) + ")", e);
            case CONSTRAINT -> new CatalogException(Reason.REFUSED, doing + ": " + detail(message), e);
            default -> new CatalogException(Reason.FAILED, doing + ": " + detail(message), e);
        };
    }

    /** SQLite's own words without the JDBC driver's "[SQLITE_X] ..." prefix. */
    static String detail(String message) {
        int paren = message.lastIndexOf('(');
        if (message.startsWith("[") && paren > 0 && message.endsWith(")")) {
            return message.substring(paren + 1, message.length() - 1);
        }
        return message.isBlank() ? "no detail from SQLite" : message;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
