// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import java.nio.file.Path;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The files a retrieve has written, telling its {@link InstanceListener} of each as it is added. */
public final class ArrivingFiles extends ArrayList<Path> {

    private static final Logger LOG = LoggerFactory.getLogger(ArrivingFiles.class);

    private final transient InstanceListener listener;

    public ArrivingFiles(InstanceListener listener) {
        this.listener = listener;
    }

    @Override
    public boolean add(Path file) {
        super.add(file);
        try {
            listener.arrived(file);
        } catch (RuntimeException e) {
            // A viewer's trouble with one arrival must not fail the retrieve that keeps the study offline.
            LOG.warn("an arrival listener failed on {}", file, e);
        }
        return true;
    }
}
