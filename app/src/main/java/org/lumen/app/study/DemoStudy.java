// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.lumen.io.Folders;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.task.BackgroundTask;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.task.TaskContext;
import org.lumen.viewer.source.DicomSource;
import org.lumen.viewer.source.FileSource;

/** The built-in demo: a generated chest CT with nodules, made on first run in the user data folder. */
public final class DemoStudy {

    private DemoStudy() { }

    /** The demo's DICOM files (its ground truth and label volume beside them are not offered to the indexer). */
    public static BackgroundTask<DicomSource> ensureTask(UserDataFolder data) {
        return BackgroundTask.of("Preparing the demo chest CT", context -> {
            Path target = data.demo().resolve("chest-ct");
            if (!Files.exists(target.resolve("ground-truth.json"))) {
                generate(data, target, context);
            }
            try (Stream<Path> files = Files.list(target)) {
                return new FileSource(files.filter(f -> f.getFileName().toString().endsWith(".dcm")).sorted().toList());
            }
        });
    }

    private static void generate(UserDataFolder data, Path target, TaskContext context) throws IOException {
        context.message("Generating a 512x512x300 chest CT phantom (first run only)");
        // Written beside the target and moved in one step, so an interrupted first run leaves nothing half-made.
        Path partial = data.demo().resolve(".chest-ct-partial");
        Folders.deleteTree(partial);
        Files.createDirectories(data.demo());
        Phantoms.writeChestCt(partial, ChestCtSpec.defaults());
        Folders.deleteTree(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
