// SPDX-License-Identifier: Apache-2.0
package org.lumen.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file or folder could not be written. The message names the path the caller asked for (never a
 * temporary sibling) and why in words, e.g. "cannot write /data/out.png: permission denied".
 */
public final class CannotWriteException extends IOException {

    private final transient Path target;
    private final String reason;

    public CannotWriteException(Path target, String reason, Throwable cause) {
        super("cannot write " + target + ": " + reason, cause);
        this.target = target;
        this.reason = reason;
    }

    /** The path the caller asked to write. */
    public Path target() {
        return target;
    }

    /** Why, in words, without the path. */
    public String reason() {
        return reason;
    }
}
