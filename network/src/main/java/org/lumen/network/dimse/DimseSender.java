// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.InstanceFiles;
import org.lumen.network.dicom.InstanceFiles.Instance;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;

/**
 * C-STORE of files to an archive on one association: one presentation context per SOP class and
 * transfer syntax found in the files, each data set sent as it is in its file (never decoded or
 * re-encoded). A file the archive refuses, or whose syntax it does not accept, is reported with the
 * reason and the rest go on.
 */
public final class DimseSender {

    private static final int MAX_CONTEXTS = 128;

    private final Timeouts timeouts;
    private final SSLContext tls;

    public DimseSender(Timeouts timeouts, SSLContext tls) {
        this.timeouts = timeouts;
        this.tls = tls;
    }

    public SendResult send(PacsNode node, List<Path> files, TaskContext task) throws NetworkException {
        Map<Path, String> notStored = new LinkedHashMap<>();
        List<Instance> instances = InstanceFiles.readAll(files, notStored);
        List<Path> stored = new ArrayList<>();
        if (instances.isEmpty()) {
            return new SendResult(stored, notStored);
        }
        Set<String> pairs = new LinkedHashSet<>();
        instances.forEach(i -> pairs.add(i.sopClassUid() + "|" + i.transferSyntaxUid()));
        if (pairs.size() > MAX_CONTEXTS) {
            throw new NetworkException(Reason.PROTOCOL, "these files hold " + pairs.size() + " kinds of object and transfer syntax; "
                    + "one association carries at most " + MAX_CONTEXTS + ": send them in smaller groups");
        }
        List<PresentationContext> contexts = new ArrayList<>();
        int id = 1;
        for (String pair : pairs) {
            String[] parts = pair.split("\\|");
            contexts.add(new PresentationContext(id, parts[0], List.of(parts[1])));
            id += 2;
        }
        try (DimseAssociation a = DimseAssociation.open(node, contexts, timeouts, tls, task)) {
            a.watch(task);
            int messageId = 0;
            for (Instance instance : instances) {
                task.checkCancelled();
                AcceptedContext context = a.acceptedContexts().stream()
                        .filter(c -> c.abstractSyntax().equals(instance.sopClassUid()) && c.transferSyntax().equals(instance.transferSyntaxUid()))
                        .findFirst().orElse(null);
                if (context == null) {
                    notStored.put(instance.file(), node.describe() + " does not accept SOP class " + instance.sopClassUid()
                            + " in transfer syntax " + instance.transferSyntaxUid());
                    continue;
                }
                messageId = messageId % 0xFFFF + 1;
                CommandSet rq = new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, instance.sopClassUid())
                        .set(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RQ).set(CommandSet.MESSAGE_ID, messageId)
                        .set(CommandSet.PRIORITY, 0).set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.DATA_SET_PRESENT)
                        .set(CommandSet.AFFECTED_SOP_INSTANCE_UID, instance.sopInstanceUid());
                try (InputStream data = Files.newInputStream(instance.file())) {
                    data.skipNBytes(instance.dataSetOffset());
                    a.send(context, rq, data, instance.length());
                } catch (NetworkException e) {
                    throw e;
                } catch (IOException e) {
                    throw new NetworkException(Reason.ABORTED, "reading " + instance.file() + " while sending it failed: " + e.getMessage(), e);
                }
                CommandSet rsp = a.receive().command();
                int status = rsp.status();
                if (rsp.commandField() == CommandSet.C_STORE_RSP && (status == 0 || (status & 0xF000) == 0xB000)) {
                    stored.add(instance.file());
                } else {
                    String comment = rsp.text(CommandSet.ERROR_COMMENT);
                    notStored.put(instance.file(), node.describe() + " refused it: " + DimseStatuses.describe(status)
                            + (comment == null ? "" : ": " + comment));
                }
                task.progress(stored.size() + notStored.size(), files.size());
            }
            a.release();
        } catch (org.lumen.task.TaskCancelledException e) {
            throw new NetworkException(Reason.CANCELLED, "sending to " + node.describe() + " was cancelled after " + stored.size() + " file(s)");
        }
        return new SendResult(stored, notStored);
    }
}
