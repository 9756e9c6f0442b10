// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.startup;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.lumen.app.cli.LumenCli;
import org.lumen.app.settings.UserDataFolder;

/**
 * The training run of the command line's AOT cache ({@code ./lumen} and the packaging run it with
 * {@code -XX:AOTCacheOutput}): in one JVM, what users start most often — {@code --help}, {@code --version}
 * without ONNX Runtime's native part, and {@code info} on a small generated CT — so the classes they load
 * are archived, loaded and linked, for the next starts. Output is discarded.
 *
 * <p>Usage: {@code StartupTraining cli WORK_DIR}.
 */
public final class StartupTraining {

    private StartupTraining() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("cli")) {
            System.err.println("usage: StartupTraining cli WORK_DIR");
            System.exit(2);
        }
        // As LumenMain does: logs go to the data folder of the run (the launcher gives it its own LUMEN_HOME).
        System.setProperty("lumen.logs", UserDataFolder.fromEnvironment().logs().toString());
        Path work = Path.of(args[1]);
        Path sample = work.resolve("phantom");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(quiet);
        try {
            run(err, "--help");
            if (!Files.isDirectory(sample)) {
                run(err, "phantom", sample.toString(), "--size", "128x128x40");
            }
            Path file;
            try (Stream<Path> files = Files.walk(sample)) {
                file = files.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().findFirst()
                        .orElseThrow(() -> new IOException("the training phantom in " + sample + " has no .dcm file"));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            run(err, "info", file.toString());
            run(err, "info", "--json", sample.toString());
        } finally {
            System.setOut(out);
        }
    }

    private static void run(PrintStream console, String... args) {
        int status = LumenCli.run(console, args);
        if (status != 0) {
            throw new IllegalStateException("training command " + String.join(" ", args) + " exited " + status);
        }
    }
}
