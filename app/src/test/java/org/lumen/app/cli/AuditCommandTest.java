// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/**
 * {@code lumen audit} and {@code lumen models stats}: a real AI run recorded, listed, verified, exported, a
 * tampered catalog caught, and the run's findings decided and counted.
 */
class AuditCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path catalog;

    @BeforeAll
    static void runTheDemoModelOnAPhantom() throws Exception {
        PhantomResult phantom = Phantoms.writeChestCt(tmp.resolve("ct"), ChestCtSpec.builder().seed(9).size(Size.of(96, 96, 40))
                .sliceSpacingMm(2.5).noduleCount(2).noduleDiameterMm(8, 12).noiseSigmaHu(10).build());
        catalog = tmp.resolve("catalog.sqlite");
        CliRun infer = lumen("infer", phantom.directory().toString(), "--model", "demo", "--device", "cpu", "--out",
                tmp.resolve("out").toString(), "--no-cache", "--catalog", catalog.toString());
        assertThat(infer.exitCode()).as(infer.err()).isZero();
    }

    @Test
    void theRunIsListedWithTheModelAndVerifies() throws Exception {
        CliRun list = lumen("audit", "list", "--json", "--catalog", catalog.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode entries = JSON.readTree(list.out());
        assertThat(entries).hasSize(1);
        JsonNode run = entries.get(0);
        assertThat(run.path("action").asText()).isEqualTo("ai-run");
        assertThat(run.path("account").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(run.path("detail").path("modelId").asText()).isNotBlank();
        assertThat(run.path("detail").path("modelSha256").asText()).hasSize(64);
        assertThat(run.path("studyUid").asText()).isNotBlank();

        assertThat(JSON.readTree(lumen("audit", "list", "--json", "--action", "export", "--catalog", catalog.toString()).out())).isEmpty();
        CliRun wrongAction = lumen("audit", "list", "--action", "opened", "--catalog", catalog.toString());
        assertThat(wrongAction.exitCode()).isNotZero();
        assertThat(wrongAction.err()).contains("there is no audit action 'opened'");

        CliRun verify = lumen("audit", "verify", "--catalog", catalog.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("audit trail intact: 1 entries checked");
    }

    @Test
    void exportsWriteBothFormats() throws Exception {
        Path xml = tmp.resolve("audit.xml");
        Path fhir = tmp.resolve("audit.json");
        assertThat(lumen("audit", "export", "--format", "dicom", "--out", xml.toString(), "--catalog", catalog.toString()).exitCode()).isZero();
        assertThat(lumen("audit", "export", "--format", "fhir", "--out", fhir.toString(), "--catalog", catalog.toString()).exitCode()).isZero();
        assertThat(Files.readString(xml)).contains("<AuditMessage>").contains("csd-code=\"110103\"").contains("EventActionCode=\"E\"");
        assertThat(JSON.readTree(fhir.toFile()).path("entry").get(0).path("resource").path("resourceType").asText()).isEqualTo("AuditEvent");
    }

    @Test
    void modelStatsCountTheRunAndTheDecisionsMadeOnItsFindings() throws Exception {
        Path copy = tmp.resolve("decided.sqlite");
        Files.copy(catalog, copy);
        String model = JSON.readTree(lumen("audit", "list", "--json", "--catalog", copy.toString()).out()).get(0)
                .path("detail").path("modelId").asText();
        int findings;
        try (org.lumen.annotation.catalog.Catalog c = org.lumen.annotation.catalog.Catalog.open(copy)) {
            var run = c.aiRuns().runs(c.aiRuns().run(1).orElseThrow().seriesUid()).getFirst();
            findings = run.findings().size();
            long reader = c.people().ensure("reader", true, true).id();
            c.aiRuns().decide(run.findings().getFirst().id(), org.lumen.annotation.catalog.DecisionKind.ACCEPT, reader, null, null);
        }

        CliRun stats = lumen("models", "stats", model, "--json", "--catalog", copy.toString());

        assertThat(stats.exitCode()).as(stats.err()).isZero();
        JsonNode root = JSON.readTree(stats.out());
        assertThat(root.path("runs").asInt()).isEqualTo(1);
        assertThat(root.path("findings").asInt()).isEqualTo(findings).isPositive();
        assertThat(root.path("decided").asInt()).isEqualTo(1);
        assertThat(root.path("acceptanceRate").asDouble()).isEqualTo(1.0);
        assertThat(root.path("bands")).hasSize(10);
        assertThat(root.path("weeks")).hasSize(1);
        CliRun text = lumen("models", "stats", model, "--catalog", copy.toString());
        assertThat(text.out()).contains("1 run(s) on 1 series").contains("accepted 100 %");
        assertThat(lumen("models", "stats", model, "--since", "yesterday", "--catalog", copy.toString()).err())
                .contains("--since takes a day");
    }

    @Test
    void aTamperedCopyFailsVerifyWithTheEntryNamed() throws Exception {
        Path copy = tmp.resolve("tampered.sqlite");
        Files.copy(catalog, copy);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_event_append_only_update");
            s.executeUpdate("UPDATE audit_event SET account = 'someone-else' WHERE seq = 1");
        }
        CliRun verify = lumen("audit", "verify", "--catalog", copy.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("the audit trail is broken: entry 1").contains("changed after it was written");
    }
}
