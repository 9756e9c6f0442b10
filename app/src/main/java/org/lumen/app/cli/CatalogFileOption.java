// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.lumen.annotation.catalog.Catalog;
import picocli.CommandLine.Option;

/** {@code --catalog FILE}, shared by every catalog subcommand; without it, the catalog in the user data folder. */
final class CatalogFileOption {

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "The catalog file (default: catalog.sqlite in the Lumen data folder; LUMEN_HOME moves that folder).")
    private Path file;

    Path resolve(LumenCommand lumen) throws IOException {
        return file != null ? file.toAbsolutePath() : lumen.dataFolder().catalog();
    }

    /**
     * The catalog (created where there is none), with its audit entries naming this workstation's user (lumen user):
     * the process's, from its services, which close it; the caller does not.
     */
    Catalog catalog(LumenCommand lumen) {
        return lumen.services().catalog(file);
    }

    /** As {@link #catalog}, for a catalog that must exist already. */
    Catalog existing(LumenCommand lumen) {
        return lumen.services().existingCatalog(file);
    }
}
