// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

/** A presentation context the peer accepted, with the transfer syntax it chose. */
public record AcceptedContext(int id, String abstractSyntax, String transferSyntax) {
}
