// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.lumen.annotation.catalog.AuditEntry;

/**
 * The audit trail as FHIR R4 AuditEvent resources in a collection Bundle, following the IHE Basic Audit Log
 * Patterns (BALP): the DICOM event code as the type, Lumen's action as the subtype, the user as the requesting
 * agent, the workstation as the observer, the study as an entity identified by {@code urn:dicom:uid}, and the
 * audit entry's detail and hashes as entity details.
 */
public final class FhirAuditEvents {

    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String LUMEN_ACTIONS = "urn:lumen:audit-action";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final String observer;

    /** @param observer the workstation as the audit repository should know it, e.g. "Lumen@ws-12" */
    public FhirAuditEvents(String observer) {
        this.observer = observer;
    }

    public void write(List<AuditEntry> entries, OutputStream out) throws IOException {
        ObjectNode bundle = mapper.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        ArrayNode items = bundle.putArray("entry");
        for (AuditEntry e : entries) {
            ObjectNode item = items.addObject();
            item.put("fullUrl", "urn:lumen:audit:" + e.seq());
            item.set("resource", event(e));
        }
        mapper.writeValue(out, bundle);
    }

    private ObjectNode event(AuditEntry e) {
        AuditCoding coding = AuditCoding.of(e.action());
        ObjectNode event = mapper.createObjectNode();
        event.put("resourceType", "AuditEvent");
        event.put("id", "lumen-audit-" + e.seq());
        coding(event.putObject("type"), DCM, coding.eventCode(), coding.eventMeaning());
        coding(event.putArray("subtype").addObject(), LUMEN_ACTIONS, coding.typeCode(), coding.typeMeaning());
        event.put("action", coding.actionCode());
        event.put("recorded", e.at().toString());
        event.put("outcome", "0");

        ObjectNode agent = event.putArray("agent").addObject();
        ObjectNode who = agent.putObject("who");
        who.putObject("identifier").put("value", e.account());
        if (e.person() != null) {
            who.put("display", e.person());
        }
        agent.put("requestor", true);

        ObjectNode source = event.putObject("source");
        source.putObject("observer").put("display", observer);
        coding(source.putArray("type").addObject(), "http://terminology.hl7.org/CodeSystem/security-source-type", "1", "User Device");

        ArrayNode entities = event.putArray("entity");
        if (e.studyUid() != null) {
            ObjectNode study = entities.addObject();
            ObjectNode identifier = study.putObject("what").putObject("identifier");
            identifier.put("system", "urn:dicom:uid");
            identifier.put("value", "urn:oid:" + e.studyUid());
            coding(study.putObject("type"), "http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object");
            coding(study.putObject("role"), "http://terminology.hl7.org/CodeSystem/object-role", "3", "Report");
            if (e.seriesUid() != null) {
                study.put("description", "series " + e.seriesUid());
            }
        }
        ObjectNode entry = entities.addObject();
        entry.putObject("what").putObject("identifier").put("system", "urn:lumen:audit").put("value", Long.toString(e.seq()));
        coding(entry.putObject("type"), "http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object");
        ArrayNode details = entry.putArray("detail");
        details.addObject().put("type", "detail").put("valueString", e.detail());
        details.addObject().put("type", "previousHash").put("valueString", e.previousHash());
        details.addObject().put("type", "hash").put("valueString", e.hash());
        return event;
    }

    private static void coding(ObjectNode node, String system, String code, String display) {
        node.put("system", system);
        node.put("code", code);
        node.put("display", display);
    }
}
