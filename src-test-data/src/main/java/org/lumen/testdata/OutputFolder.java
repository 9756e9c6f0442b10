// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.lumen.io.Folders;

/** Makes sure a phantom goes into a folder of its own, so its files never mix with another series'. */
final class OutputFolder {

    private OutputFolder() { }

    /**
     * Creates the folder, or accepts it when it exists and is empty.
     *
     * @throws IOException naming the folder when it is a file or holds anything
     */
    static Path prepare(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new FileAlreadyExistsException(folder.toString(), null, "output folder is a file");
        }
        Folders.create(folder);
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new FileAlreadyExistsException(folder.toString(), null,
                        "output folder is not empty; phantoms are written into an empty or new folder");
            }
        }
        return folder;
    }
}
