// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lumen.network.dicom.InstanceFiles;
import org.lumen.network.ArchiveTransfers;
import org.lumen.network.dimse.SendResult;
import org.lumen.network.node.PacsNode;
import org.lumen.task.BackgroundTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lumen pacs send NODE PATH...}: C-STORE of DICOM files, or of every DICOM file under folders
 * (other files there are skipped), as they are. Exits 1 when the archive did not store one of them.
 */
@Command(name = "send", description = "Send DICOM files (or every DICOM file under folders) to an archive (C-STORE or STOW-RS), unchanged.")
final class PacsSendCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PacsNodeOptions options;

    @Parameters(index = "1..*", paramLabel = "PATH", arity = "1..*", description = "DICOM files or folders.")
    private List<Path> paths;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        PacsNodeOptions.Resolved resolved = options.resolve(lumen);
        PacsNode node = resolved.node();
        List<Path> files = new ArrayList<>();
        int skipped = 0;
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : walk(path)) {
                    if (InstanceFiles.looksLikeDicom(file)) {
                        files.add(file);
                    } else {
                        skipped++;
                    }
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path); // named by the reader: if it is not DICOM, that is said below
            } else {
                throw new IllegalArgumentException("no such file or folder: " + path);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to send: no DICOM file under " + paths.stream().map(Path::toString).toList());
        }
        SendResult result = lumen.runTask(BackgroundTask.of("Sending to " + node.describe(), task -> ArchiveTransfers.send(node,
                resolved.credentials(), options.timeouts(), resolved.tls(), files, task)));
        auditSend(lumen, node, result);
        PrintWriter out = lumen.out();
        out.printf("sent %d file(s) to %s%s%n", result.stored().size(), node.describe(),
                skipped == 0 ? "" : " (" + skipped + " file(s) in the folders are not DICOM and were skipped)");
        out.flush();
        if (!result.notStored().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("lumen: %d file(s) were not stored:%n", result.notStored().size());
            result.notStored().forEach((file, why) -> err.printf("  %s: %s%n", file, why));
            err.flush();
            return 1;
        }
        return 0;
    }

    private static List<Path> walk(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** What left the workstation, to where: the audit trail's send entry (a catalog problem is a warning, the files went). */
    private void auditSend(LumenCommand lumen, PacsNode node, SendResult result) {
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("to", node.describe());
        detail.put("stored", result.stored().size());
        detail.put("notStored", result.notStored().size());
        detail.put("deidentification", "none: files sent unchanged");
        try {
            lumen.services().catalog().audit().append(org.lumen.annotation.catalog.AuditAction.SEND, null, null, detail);
        } catch (RuntimeException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("lumen: warning: the send was not recorded in the audit trail: " + e.getMessage());
            err.flush();
        }
    }
}
