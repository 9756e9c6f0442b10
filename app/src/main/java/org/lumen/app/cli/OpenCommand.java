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
        return open(lumen, path);
    }

    static int open(LumenCommand lumen, Path path) throws Exception {
        // Say so (and exit 1) before a window opens on nothing.
        if (path != null && !Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return Workstation.run(lumen.services(), path);
    }

    /**
     * Whether {@code args} only open the window: none, {@code open}, or {@code open PATH} with a PATH that
     * picocli would not read otherwise (an option, an {@code @file} of arguments). Any other command line goes
     * through picocli (help, errors, options).
     */
    static boolean isPlainOpen(String... args) {
        return args.length == 0 || args[0].equals("open") && (args.length == 1 || args.length == 2 && !args[1].isEmpty()
                && !args[1].startsWith("-") && !args[1].startsWith("@") && args[1].indexOf('\0') < 0);
    }
}
