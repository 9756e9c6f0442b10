// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lumen labels import}: label masks made elsewhere, into a catalog dataset. */
@Command(name = "labels", description = "Bring label masks made elsewhere (DICOM SEG, NIfTI) into a dataset of the catalog.",
        subcommands = {LabelsImportCommand.class})
final class LabelsCommand implements Runnable {

    @ParentCommand
    private LumenCommand lumen;

    @Spec
    private CommandSpec spec;

    LumenCommand lumen() {
        return lumen;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use labels import");
    }
}
