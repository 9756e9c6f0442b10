// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen catalog backup FILE}: a consistent copy of the whole catalog (VACUUM INTO, then an atomic rename). */
@Command(name = "backup", description = "Write a consistent copy of the whole catalog to FILE (replaced atomically if it exists).")
final class CatalogBackupCommand implements Callable<Integer> {

    @ParentCommand
    private CatalogCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Parameters(paramLabel = "FILE", description = "Where to write the backup.")
    private Path target;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        Path file = catalogFile.resolve(lumen);
        Path absolute = target.toAbsolutePath().normalize();
        // Read-only: a catalog that failed its integrity check (and so opens read-only) can still be backed up.
        try (Catalog catalog = lumen.services().inspectCatalog(file)) {
            catalog.backup(absolute);
        }
        lumen.out().printf("Backed up the catalog %s to %s (%d bytes)%n", file, absolute, Files.size(absolute));
        lumen.out().flush();
        return 0;
    }
}
