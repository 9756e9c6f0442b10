// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lumen catalog import|check|backup}: the SQLite catalog from the command line. */
@Command(name = "catalog", description = "Index studies into the catalog, check it, or back it up.",
        subcommands = {CatalogImportCommand.class, CatalogCheckCommand.class, CatalogBackupCommand.class, CatalogRecoverCommand.class})
final class CatalogCommand implements Runnable {

    @ParentCommand
    private LumenCommand lumen;

    @Spec
    private CommandSpec spec;

    LumenCommand lumen() {
        return lumen;
    }

    /** Without a subcommand there is nothing to do: say which ones exist. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use catalog import, catalog check or catalog backup");
    }
}
