// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.lumen.app.services.LumenServices;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.study.NothingFound;
import org.lumen.app.study.StudyOpener;
import org.lumen.task.BackgroundTask;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.volume.SeriesLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code lumen} command: the services its subcommands share with the GUI, made on first use. */
@Command(name = "lumen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Lumen radiology workstation. With no command, opens the workstation on the demo study.",
        subcommands = {OpenCommand.class, InfoCommand.class, RenderCommand.class, ConvertCommand.class, SnapshotCommand.class, PhantomCommand.class,
                CatalogCommand.class, InferCommand.class, ModelsCommand.class, PacsCommand.class, CacheCommand.class, DeidCommand.class,
                ExportCommand.class, AuditCommand.class, ValidateCommand.class, UserCommand.class, LabelsCommand.class})
public final class LumenCommand implements AutoCloseable {

    @Spec
    private CommandSpec spec;

    /** The process's services (ADR 0022): nothing in them starts before a command asks, so --help starts nothing. */
    private final LumenServices services = LumenServices.fromEnvironment();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    LumenServices services() {
        return services;
    }

    Pools pools() {
        return services.pools();
    }

    UserDataFolder dataFolder() throws IOException {
        return services.dataFolder();
    }

    StudyOpener opener() throws IOException {
        return services.opener();
    }

    /**
     * Reads PATH into an index for a command that needs a study: when there is none, the sentence says
     * what was found instead (an empty folder, files none of which is DICOM).
     */
    DicomIndex index(Path path) throws Exception {
        DicomIndex index = runTask(opener().openTask(path));
        var why = NothingFound.explain(path, index);
        if (why.isPresent()) {
            throw new IllegalArgumentException(why.get() + (index.problems().isEmpty() ? "" : "; `lumen info` lists every file"));
        }
        return index;
    }

    SeriesLoader loader() {
        return services.loader();
    }

    /** Runs a task on this thread: the CLI waits for its result anyway. */
    <T> T runTask(BackgroundTask<T> task) throws Exception {
        return new SyncTaskRunner().submit(task).join();
    }

    @Override
    public void close() {
        services.close();
    }
}
