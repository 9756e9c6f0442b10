// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.query;

/** An instance an archive listed: enough to know whether the cache has it and to fetch it alone. */
public record InstanceMatch(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
}
