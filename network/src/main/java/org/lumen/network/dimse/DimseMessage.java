// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

/** A message received on an association: its context, command and data set (null when it has none). */
public record DimseMessage(AcceptedContext context, CommandSet command, byte[] dataSet) {
}
