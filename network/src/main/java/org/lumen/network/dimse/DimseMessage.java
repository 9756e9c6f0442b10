// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;

/**
 * A message received on an association: its context, command and data set (null when it has none,
 * or when a sink took it as it arrived).
 *
 * @param sinkFailure why the sink could not take the data set (the disk, not the peer), or null
 */
public record DimseMessage(AcceptedContext context, CommandSet command, byte[] dataSet, IOException sinkFailure) {
}
