// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Path;
import org.lumen.io.AtomicFiles;
import org.lumen.io.CannotWriteException;
import org.lumen.io.Folders;

/**
 * Checks a command's {@code --out} before the long work (reading a series, running a model), so a path
 * that cannot be written fails at once, with the path the user gave and why.
 */
final class Outputs {

    private Outputs() { }

    /** A file to be written: its folder is created when missing, and must then take the file. */
    static void file(Path out) throws CannotWriteException {
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null) {
            try {
                Folders.create(folder);
            } catch (CannotWriteException e) {
                throw new CannotWriteException(out, e.reason(), e);
            }
        }
        AtomicFiles.checkWritable(out);
    }

    /** A folder to write {@code firstFile} and others into: created when missing, and must then take files. */
    static void folder(Path dir, String firstFile) throws CannotWriteException {
        Folders.create(dir);
        try {
            AtomicFiles.checkWritable(dir.resolve(firstFile));
        } catch (CannotWriteException e) {
            throw new CannotWriteException(dir, e.reason(), e);
        }
    }
}
