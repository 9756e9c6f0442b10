// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.audit;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.lumen.annotation.catalog.AuditEntry;

/**
 * The audit trail as DICOM Audit Messages (PS3.15 A.5, the XML IHE ATNA repositories take): one
 * {@code AuditMessage} per entry, each valid against the standard's schema, inside one {@code AuditMessages}
 * element so a file holds the whole export. Each message names the user (account and display name) and Lumen
 * as the application, the study where there is one, and carries the entry itself (sequence number, detail,
 * hash and previous hash) as participant object details, so the chain can be checked from the export too.
 */
public final class DicomAuditMessages {

    private final String auditSourceId;

    /** @param auditSourceId the workstation as the audit repository should know it, e.g. "Lumen@ws-12" */
    public DicomAuditMessages(String auditSourceId) {
        this.auditSourceId = auditSourceId;
    }

    public void write(List<AuditEntry> entries, OutputStream out) throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("AuditMessages");
        for (AuditEntry entry : entries) {
            xml.writeCharacters("\n");
            message(xml, entry);
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
    }

    private void message(XMLStreamWriter xml, AuditEntry e) throws XMLStreamException {
        AuditCoding coding = AuditCoding.of(e.action());
        xml.writeStartElement("AuditMessage");

        xml.writeStartElement("EventIdentification");
        xml.writeAttribute("EventActionCode", coding.actionCode());
        xml.writeAttribute("EventDateTime", e.at().toString());
        xml.writeAttribute("EventOutcomeIndicator", "0");
        code(xml, "EventID", coding.eventCode(), AuditCoding.DCM, coding.eventMeaning());
        code(xml, "EventTypeCode", coding.typeCode(), AuditCoding.LUMEN, coding.typeMeaning());
        xml.writeEndElement();

        xml.writeStartElement("ActiveParticipant");
        xml.writeAttribute("UserID", e.account());
        if (e.person() != null) {
            xml.writeAttribute("UserName", e.person());
        }
        xml.writeAttribute("UserIsRequestor", "true");
        xml.writeEndElement();

        xml.writeStartElement("ActiveParticipant");
        xml.writeAttribute("UserID", "Lumen");
        xml.writeAttribute("UserIsRequestor", "false");
        code(xml, "RoleIDCode", "110150", AuditCoding.DCM, "Application");
        xml.writeEndElement();

        xml.writeStartElement("AuditSourceIdentification");
        xml.writeAttribute("AuditSourceID", auditSourceId);
        xml.writeEmptyElement("AuditSourceTypeCode");
        xml.writeAttribute("csd-code", "1");
        xml.writeEndElement();

        if (e.studyUid() != null) {
            xml.writeStartElement("ParticipantObjectIdentification");
            xml.writeAttribute("ParticipantObjectID", e.studyUid());
            xml.writeAttribute("ParticipantObjectTypeCode", "2");
            xml.writeAttribute("ParticipantObjectTypeCodeRole", "3");
            code(xml, "ParticipantObjectIDTypeCode", "110180", AuditCoding.DCM, "Study Instance UID");
            xml.writeStartElement("ParticipantObjectName");
            xml.writeCharacters(e.seriesUid() != null ? "series " + e.seriesUid() : "study " + e.studyUid());
            xml.writeEndElement();
            xml.writeEndElement();
        }

        xml.writeStartElement("ParticipantObjectIdentification");
        xml.writeAttribute("ParticipantObjectID", "lumen-audit:" + e.seq());
        xml.writeAttribute("ParticipantObjectTypeCode", "2");
        xml.writeAttribute("ParticipantObjectTypeCodeRole", "13");
        code(xml, "ParticipantObjectIDTypeCode", "audit-entry", AuditCoding.LUMEN, "Lumen audit entry");
        xml.writeStartElement("ParticipantObjectName");
        xml.writeCharacters(coding.typeMeaning());
        xml.writeEndElement();
        detail(xml, "seq", Long.toString(e.seq()));
        detail(xml, "detail", e.detail());
        detail(xml, "previousHash", e.previousHash());
        detail(xml, "hash", e.hash());
        xml.writeEndElement();

        xml.writeEndElement();
    }

    private static void code(XMLStreamWriter xml, String element, String code, String system, String meaning) throws XMLStreamException {
        xml.writeEmptyElement(element);
        xml.writeAttribute("csd-code", code);
        xml.writeAttribute("codeSystemName", system);
        xml.writeAttribute("originalText", meaning);
    }

    /** Values are base64, as the schema wants, so no text in them can break the XML. */
    private static void detail(XMLStreamWriter xml, String type, String value) throws XMLStreamException {
        xml.writeEmptyElement("ParticipantObjectDetail");
        xml.writeAttribute("type", type);
        xml.writeAttribute("value", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }
}
