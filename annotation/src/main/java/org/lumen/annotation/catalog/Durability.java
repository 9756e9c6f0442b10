// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/**
 * How far an acknowledged save survives, as SQLite's {@code synchronous} setting in WAL mode.
 * docs/catalog.md explains the trade-off: both survive a killed process; only {@link #POWER_LOSS}
 * survives a power cut or kernel crash, at the price of an fsync per save.
 */
public enum Durability {
    /** {@code synchronous=NORMAL}: commits reach the OS, the WAL is synced at checkpoints. */
    PROCESS_CRASH("NORMAL"),
    /** {@code synchronous=FULL}: every commit syncs the WAL to the disk before it returns. */
    POWER_LOSS("FULL");

    private final String pragma;

    Durability(String pragma) {
        this.pragma = pragma;
    }

    String pragma() {
        return pragma;
    }
}
