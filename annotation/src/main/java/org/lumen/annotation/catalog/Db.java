// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.lumen.annotation.catalog.CatalogException.Reason;

/**
 * The catalog's one connection and its transactions. Every change runs in one
 * {@code BEGIN IMMEDIATE … COMMIT}: taking the write lock up front makes SQLite wait (busy timeout)
 * for another writer instead of failing at once when a read would have to become a write. Every read
 * that spans several statements runs in one deferred transaction, so it sees one snapshot. Calls are
 * serialised by a lock: the catalog is safe to share between threads.
 */
final class Db implements AutoCloseable {

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final Path file;
    private final CatalogOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;
    /** Why changes are refused (a failed integrity check, or a catalog opened for inspection); null when writable. */
    private volatile String readOnlyReason;

    Db(Connection connection, Path file, CatalogOptions options) {
        this.connection = connection;
        this.file = file;
        this.options = options;
    }

    Path file() {
        return file;
    }

    long now() {
        return options.clock().millis();
    }


    /** Runs {@code work} as one write transaction; {@code doing} starts the error sentence. */
    <T> T write(String doing, Work<T> work) {
        String reason = readOnlyReason;
        if (reason != null) {
            throw new CatalogException(Reason.READ_ONLY, doing + ": " + reason);
        }
        return transaction("BEGIN IMMEDIATE", doing, work);
    }

    /** From now on every write is refused with {@code reason}. */
    void refuseWrites(String reason) {
        readOnlyReason = reason;
    }

    /** Why writes are refused, or null. */
    String readOnlyReason() {
        return readOnlyReason;
    }

    /** Runs {@code work} in one read transaction (one consistent snapshot). */
    <T> T read(String doing, Work<T> work) {
        return transaction("BEGIN", doing, work);
    }

    /** Runs {@code work} outside a transaction (PRAGMAs, VACUUM). */
    <T> T direct(String doing, Work<T> work) {
        lock.lock();
        try {
            ensureOpen(doing);
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing, file, options.busyTimeout());
        } finally {
            lock.unlock();
        }
    }

    private <T> T transaction(String begin, String doing, Work<T> work) {
        lock.lock();
        try {
            ensureOpen(doing);
            try (Statement s = connection.createStatement()) {
                s.execute(begin);
            }
            boolean committed = false;
            try {
                T result = work.run(connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing, file, options.busyTimeout());
        } finally {
            lock.unlock();
        }
    }

    /** SQLite may already have rolled back (a full disk does that); a second rollback then fails harmlessly. */
    private void rollbackQuietly() {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was active any more
        }
    }

    private void ensureOpen(String doing) {
        if (closed) {
            throw new CatalogException(Reason.FAILED, doing + ": the catalog " + file + " is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "cannot close the catalog", file, options.busyTimeout());
        } finally {
            lock.unlock();
        }
    }
}
