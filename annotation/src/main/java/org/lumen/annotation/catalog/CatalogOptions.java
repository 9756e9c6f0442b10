// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a catalog is opened: how long a write waits for another writer before giving up, how durable
 * a save is, the clock that stamps rows (fixed in tests), and when opening checks the file's integrity.
 */
public record CatalogOptions(Duration busyTimeout, Durability durability, Clock clock, OpenCheck openCheck) {

    /** When {@link Catalog#open} runs {@code PRAGMA quick_check}, which reads the whole file. */
    public enum OpenCheck {
        /** On every open. */
        ALWAYS,
        /**
         * Unless the file is exactly as Lumen left it at its last clean close (same size and modification time, no
         * write-ahead log beside it, as recorded in {@code FILE-clean} then): a crash, another program or a damaged disk
         * write all change one of these, so the check still runs after them (docs/catalog.md).
         */
        WHEN_CHANGED,
        /** Never: for the benchmark's baseline, and for tests. */
        NEVER
    }

    public CatalogOptions(Duration busyTimeout, Durability durability, Clock clock) {
        this(busyTimeout, durability, clock, OpenCheck.WHEN_CHANGED);
    }

    /** Five seconds: long enough to outwait another window's save, short enough to report a hung writer. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    public CatalogOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(openCheck, "openCheck");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busy timeout must be 0.." + Integer.MAX_VALUE + " ms, not " + busyTimeout);
        }
    }

    /**
     * Five seconds' busy timeout and {@link Durability#PROCESS_CRASH}: every acknowledged save survives
     * a killed process (the requirement) at ~4 ms a brush stroke; docs/catalog.md says what a
     * power cut can cost and when to choose {@link Durability#POWER_LOSS}.
     */
    public static CatalogOptions defaults() {
        return new CatalogOptions(DEFAULT_BUSY_TIMEOUT, Durability.PROCESS_CRASH, Clock.systemUTC());
    }

    public CatalogOptions withBusyTimeout(Duration timeout) {
        return new CatalogOptions(timeout, durability, clock, openCheck);
    }

    public CatalogOptions withDurability(Durability d) {
        return new CatalogOptions(busyTimeout, d, clock, openCheck);
    }

    public CatalogOptions withClock(Clock c) {
        return new CatalogOptions(busyTimeout, durability, c, openCheck);
    }

    public CatalogOptions withOpenCheck(OpenCheck check) {
        return new CatalogOptions(busyTimeout, durability, clock, check);
    }
}
