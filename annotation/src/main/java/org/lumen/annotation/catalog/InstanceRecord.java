// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;

/** An instance in the catalog's index: enough to reopen its series from the files without rescanning a folder. */
public record InstanceRecord(String sopInstanceUid, String seriesUid, String sopClassUid, Integer instanceNumber,
                             int frames, String transferSyntaxUid, Path file) {
}
