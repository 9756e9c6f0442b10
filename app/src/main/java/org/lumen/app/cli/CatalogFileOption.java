// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --catalog FILE}, shared by every catalog subcommand; without it, the catalog in the user data folder. */
final class CatalogFileOption {

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "The catalog file (default: catalog.sqlite in the Lumen data folder; LUMEN_HOME moves that folder).")
    private Path file;

    Path resolve(LumenCommand lumen) throws IOException {
        return file != null ? file.toAbsolutePath() : lumen.dataFolder().catalog();
    }

    /** The catalog, which must exist, with its audit entries naming this workstation's user (lumen user). */
    org.lumen.annotation.catalog.Catalog openExisting(LumenCommand lumen) throws IOException {
        org.lumen.annotation.catalog.Catalog catalog = org.lumen.annotation.catalog.Catalog.openExisting(resolve(lumen));
        catalog.audit().actAs(org.lumen.app.settings.UserIdentity.read(lumen.dataFolder().settingsFile()).auditUser());
        return catalog;
    }
}
