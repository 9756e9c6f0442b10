// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a catalog is opened: how long a write waits for another writer before giving up, how durable
 * a save is, and the clock that stamps rows (fixed in tests).
 */
public record CatalogOptions(Duration busyTimeout, Durability durability, Clock clock) {

    /** Five seconds: long enough to outwait another window's save, short enough to report a hung writer. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    public CatalogOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(clock, "clock");
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
        return new CatalogOptions(timeout, durability, clock);
    }

    public CatalogOptions withDurability(Durability d) {
        return new CatalogOptions(busyTimeout, d, clock);
    }

    public CatalogOptions withClock(Clock c) {
        return new CatalogOptions(busyTimeout, durability, c);
    }
}
