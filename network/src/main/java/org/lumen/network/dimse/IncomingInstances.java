// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.lumen.io.AtomicFiles;
import org.lumen.viewer.dicom.Part10Files;

/**
 * The instance a C-STORE is bringing, as it arrives: a file meta header, then the data set's bytes as
 * they come, into a pending atomic file {@code SOP_INSTANCE_UID.dcm} in one folder. Only a commit puts
 * it in place; anything else leaves nothing behind. Used by C-GET and by the storage receiver.
 */
final class IncomingInstances implements DimseAssociation.DataSetSink {

    private final Path folder;
    private final String sourceAet;
    private AtomicFiles.Pending pending;
    private Path target;

    IncomingInstances(Path folder, String sourceAet) {
        this.folder = folder;
        this.sourceAet = sourceAet;
    }

    @Override
    public OutputStream open(CommandSet command, AcceptedContext context) throws IOException {
        abandon();
        String sop = command.text(CommandSet.AFFECTED_SOP_INSTANCE_UID);
        if (sop == null || !sop.matches("[0-9.]{1,64}")) {
            throw new IOException("an instance came without a valid SOP Instance UID ('" + sop + "')");
        }
        target = folder.resolve(sop + ".dcm");
        pending = AtomicFiles.begin(target);
        pending.out().write(Part10Files.header(command.text(CommandSet.AFFECTED_SOP_CLASS_UID), sop, context.transferSyntax(), sourceAet));
        return pending.out();
    }

    /** Puts the instance of {@code store} (a C-STORE-RQ just received) in place and returns its file. */
    Path commit(DimseMessage store) throws IOException {
        if (store.sinkFailure() != null) {
            abandon();
            throw store.sinkFailure();
        }
        if (pending == null) {
            throw new IOException("the C-STORE carried no data set");
        }
        pending.commit();
        pending = null;
        return target;
    }

    /** Drops an instance that did not arrive whole. */
    void abandon() {
        if (pending != null) {
            try {
                pending.close();
            } catch (IOException e) {
                // a temporary file that could not be removed is hidden and harmless
            }
            pending = null;
        }
    }
}
