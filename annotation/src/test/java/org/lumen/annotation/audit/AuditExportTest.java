// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.AuditAction;
import org.lumen.annotation.catalog.AuditEntry;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every action as a DICOM audit message validated against the standard's schema, and as a FHIR AuditEvent. */
class AuditExportTest {

    private static List<AuditEntry> oneOfEach() {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = "0".repeat(64);
        long seq = 1;
        for (AuditAction action : AuditAction.values()) {
            String study = action == AuditAction.EXPORT || action == AuditAction.SETTING_CHANGED ? null : "1.2.840.99.1";
            String hash = Long.toHexString(seq).repeat(64).substring(0, 64);
            entries.add(new AuditEntry(seq, Instant.parse("2026-12-07T10:15:30.125Z").plusSeconds(seq), "rad1",
                    seq % 2 == 0 ? "Dr Rivera <&> \"x\"" : null, action.code(), study, study == null ? null : "1.2.840.99.1.2",
                    "{\"n\":" + seq + ",\"text\":\"<tag> & 'quote'\"}", previous, hash));
            previous = hash;
            seq++;
        }
        return entries;
    }

    @Test
    void everyDicomAuditMessageIsValidAgainstTheStandardsSchema() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomAuditMessages("Lumen@ws-12").write(oneOfEach(), out);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
        NodeList messages = doc.getDocumentElement().getElementsByTagName("AuditMessage");
        assertThat(messages.getLength()).isEqualTo(AuditAction.values().length);
        ValidationDriver driver = new ValidationDriver(CompactSchemaReader.getInstance());
        assertThat(driver.loadSchema(ValidationDriver.uriOrFileInputSource(
                getClass().getResource("dicom-audit-message.rnc").toString()))).isTrue();
        for (int i = 0; i < messages.getLength(); i++) {
            String xml = serialise((Element) messages.item(i));
            assertThat(driver.validate(new InputSource(new java.io.StringReader(xml)))).as("message %d:%n%s", i + 1, xml).isTrue();
        }
        // The schema bites: without the requestor flag a message is refused.
        String broken = serialise((Element) messages.item(0)).replace("UserIsRequestor=\"true\"", "");
        assertThat(driver.validate(new InputSource(new java.io.StringReader(broken)))).isFalse();
        Element first = (Element) messages.item(0);
        Element event = (Element) first.getElementsByTagName("EventID").item(0);
        assertThat(event.getAttribute("csd-code")).isEqualTo("110103");
        assertThat(((Element) first.getElementsByTagName("EventIdentification").item(0)).getAttribute("EventActionCode")).isEqualTo("R");
    }

    @Test
    void theEntryItselfTravelsWithTheMessageSoTheChainCanBeCheckedFromTheExport() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<AuditEntry> entries = oneOfEach();
        new DicomAuditMessages("Lumen@ws-12").write(entries, out);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
        NodeList details = doc.getElementsByTagName("ParticipantObjectDetail");
        List<String> hashes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < details.getLength(); i++) {
            Element d = (Element) details.item(i);
            String value = new String(Base64.getDecoder().decode(d.getAttribute("value")), StandardCharsets.UTF_8);
            if (d.getAttribute("type").equals("hash")) {
                hashes.add(value);
            } else if (d.getAttribute("type").equals("detail")) {
                texts.add(value);
            }
        }
        assertThat(hashes).containsExactlyElementsOf(entries.stream().map(AuditEntry::hash).toList());
        assertThat(texts).containsExactlyElementsOf(entries.stream().map(AuditEntry::detail).toList());
    }

    @Test
    void fhirAuditEventsCarryTheRequiredElements() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FhirAuditEvents("Lumen@ws-12").write(oneOfEach(), out);
        JsonNode bundle = new ObjectMapper().readTree(out.toByteArray());

        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("collection");
        assertThat(bundle.path("entry")).hasSize(AuditAction.values().length);
        for (JsonNode item : bundle.path("entry")) {
            JsonNode event = item.path("resource");
            assertThat(event.path("resourceType").asText()).isEqualTo("AuditEvent");
            // R4's required elements: type, recorded, agent (with requestor), source (with observer).
            assertThat(event.path("type").path("system").asText()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
            assertThat(event.path("type").path("code").asText()).matches("1101\\d\\d");
            assertThat(Instant.parse(event.path("recorded").asText())).isAfter(Instant.parse("2026-12-07T10:15:30Z"));
            assertThat(event.path("agent").get(0).path("requestor").asBoolean()).isTrue();
            assertThat(event.path("agent").get(0).path("who").path("identifier").path("value").asText()).isEqualTo("rad1");
            assertThat(event.path("source").path("observer").path("display").asText()).isEqualTo("Lumen@ws-12");
            assertThat(event.path("action").asText()).isIn("C", "R", "U", "D", "E");
        }
        JsonNode aiRun = bundle.path("entry").get(1).path("resource");
        assertThat(aiRun.path("subtype").get(0).path("code").asText()).isEqualTo("ai-run");
        assertThat(aiRun.path("action").asText()).isEqualTo("E");
        assertThat(aiRun.path("entity").get(0).path("what").path("identifier").path("value").asText()).isEqualTo("urn:oid:1.2.840.99.1");
    }

    private static String serialise(Element element) throws Exception {
        StringWriter text = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(element), new StreamResult(text));
        return text.toString();
    }
}
