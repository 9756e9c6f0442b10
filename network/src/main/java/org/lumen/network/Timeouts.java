// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a network operation waits: for the TCP (and TLS) connection, and for each answer of the
 * peer once connected. Every operation has both, so a peer that accepts and never answers is a
 * timeout with a sentence, never a hang.
 */
public record Timeouts(Duration connect, Duration response) {

    /** A PACS on the site's network: 10 s to connect, 60 s for each answer (a C-FIND over a large archive is slow). */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(response, "response");
        if (connect.isNegative() || connect.isZero() || response.isNegative() || response.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public int connectMillis() {
        return (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
    }

    public int responseMillis() {
        return (int) Math.min(Integer.MAX_VALUE, response.toMillis());
    }
}
