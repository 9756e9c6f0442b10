// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import java.io.IOException;
import java.util.Objects;

/**
 * A network operation that failed, with what failed in one sentence a reader can act on ("port 4242
 * on pacs.local is closed", "PACS rejected the association: calling AE title not recognised"). Never
 * carries a password or token.
 */
public final class NetworkException extends IOException {

    /** What went wrong, for callers that react differently (retry, ask for credentials, …). */
    public enum Reason {
        /** The host name does not resolve, or no route to it. */
        UNREACHABLE,
        /** Nothing listens on the port (connection refused). */
        PORT_CLOSED,
        /** The peer did not answer within the timeout. */
        TIMEOUT,
        /** The peer rejected the association, with its reason. */
        REJECTED,
        /** The TLS handshake failed: certificate not trusted, expired, or for another host. */
        TLS,
        /** HTTP 401 or 403: credentials missing or wrong. */
        AUTHENTICATION,
        /** The peer aborted the association or closed the connection mid-operation. */
        ABORTED,
        /** The operation was cancelled by the reader. */
        CANCELLED,
        /** The peer answered something Lumen cannot use (a failure status, a malformed message). */
        PROTOCOL
    }

    private final Reason reason;

    public NetworkException(Reason reason, String message) {
        this(reason, message, null);
    }

    public NetworkException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
