// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lumen.annotation.audit.DicomAuditMessages;
import org.lumen.annotation.audit.FhirAuditEvents;
import org.lumen.annotation.catalog.AuditEntry;
import org.lumen.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lumen audit export --format dicom|fhir --out FILE}: for an audit repository (IHE ATNA) or a FHIR server. */
@Command(name = "export", description = "Write the audit trail as DICOM Audit Messages (PS3.15 A.5) or FHIR AuditEvents (IHE BALP).")
final class AuditExportCommand implements Callable<Integer> {

    enum Format { dicom, fhir }

    @ParentCommand
    private AuditCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Mixin
    private AuditFilterOptions filter;

    @Option(names = "--format", required = true, paramLabel = "dicom|fhir",
            description = "dicom: an XML file of AuditMessage elements; fhir: a JSON Bundle of AuditEvent resources.")
    private Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced atomically).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        AtomicFiles.checkWritable(out);
        List<AuditEntry> entries = catalogFile.existing(lumen).audit().list(filter.filter(Integer.MAX_VALUE));
        String source = AuditCommand.source();
        AtomicFiles.write(out, stream -> {
            if (format == Format.dicom) {
                try {
                    new DicomAuditMessages(source).write(entries, stream);
                } catch (javax.xml.stream.XMLStreamException e) {
                    throw new java.io.IOException("cannot write the audit messages: " + e.getMessage(), e);
                }
            } else {
                new FhirAuditEvents(source).write(entries, stream);
            }
        });
        lumen.out().println("wrote " + entries.size() + " audit entries as " + (format == Format.dicom ? "DICOM audit messages" : "FHIR AuditEvents")
                + " to " + out);
        lumen.out().flush();
        return 0;
    }
}
