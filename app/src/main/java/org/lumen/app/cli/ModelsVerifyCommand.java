// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lumen.aiassist.model.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen models verify DIR}: every check Lumen makes before running a package — card complete,
 * checksum, valid ONNX, contract against the graph, loadable by ONNX Runtime. Exit 0 only for a
 * valid package; otherwise the one-sentence refusal on stderr and exit 1.
 */
@Command(name = "verify", description = "Check a model package (folder or zip) as Lumen does before running it; exit 0 only for a valid one.")
final class ModelsVerifyCommand implements Callable<Integer> {

    @ParentCommand
    private ModelsCommand models;

    @Parameters(paramLabel = "DIR", description = "A model package: a folder (or zip) with model.json and the ONNX file.")
    private Path dir;

    @Option(names = "--json", description = "Machine-readable output (camelCase keys).")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = models.lumen();
        ModelPackage pkg = lumen.services().models().reader().verify(dir);
        PrintWriter out = lumen.out();
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    ModelsCommand.describe(pkg).put("valid", true)));
        } else {
            out.printf("valid: %s%n", dir);
            ModelsCommand.printText(pkg, out);
        }
        out.flush();
        return 0;
    }
}
