// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import java.io.IOException;
import org.lumen.task.TaskContext;

/**
 * Where instances come from: a folder, a file, a zip, a DICOMDIR; later a PACS (DIMSE or
 * DICOMweb) that retrieves into the local cache. A source lists files; the indexer reads them.
 */
public interface DicomSource {

    /** Shown to the user, e.g. the path or the PACS name. */
    String description();

    SourceListing list(TaskContext context) throws IOException;
}
