// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lumen.app.gui.Workstation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen open [PATH]}: the workstation window, on PATH or on the built-in demo study. */
@Command(name = "open", description = "Open the workstation on PATH (a file, folder, zip or DICOMDIR), or on the demo study.")
final class OpenCommand implements Callable<Integer> {

    @ParentCommand
    private LumenCommand lumen;

    @Parameters(paramLabel = "PATH", arity = "0..1", description = "What to open (default: the built-in demo chest CT).")
    private Path path;

    @Override
    public Integer call() throws Exception {
        // Say so (and exit 1) before a window opens on nothing.
        if (path != null && !Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return Workstation.run(lumen.services(), path);
    }
}
