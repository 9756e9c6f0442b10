// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.geometry.Vec3;

/** The audit trail on a real SQLite file: what the stores write into it, and tampering found by verify. */
class AuditLogTest {

    @TempDir
    Path dir;

    /** An AI run, a decision on its finding, a label revision from it, and a review step: four entries, in order. */
    private Path catalogWithHistory() {
        return catalogWithHistory("catalog.sqlite");
    }

    private Path catalogWithHistory(String name) {
        Path file = dir.resolve(name);
        try (Catalog catalog = Catalog.open(file)) {
            catalog.studies().upsert(Fixtures.index(1), "test");
            catalog.audit().actAs(new AuditUser("rad1", "Dr Rivera"));
            Person reader = catalog.people().ensure("Dr Rivera", true, true);
            AiRun run = catalog.aiRuns().record(new NewAiRun(Fixtures.SERIES, "demo-nodules", "1.0", "ab".repeat(32), "cpu", "{}",
                    Map.of(), null, List.of(new NewFinding(1, 0.91, "nodule", new Vec3(1, 2, 3), new Vec3(6, 6, 6), 113.0))));
            long finding = run.findings().getFirst().id();
            catalog.aiRuns().decide(finding, DecisionKind.ACCEPT, reader.id(), null, null);
            AnnotationRevision revision = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), reader.id(),
                    Origin.MANUAL, new MaskPayload(Fixtures.fewLesions(), Fixtures.geometry(512, 512, 300)), "first");
            catalog.reviews().moveAnnotation(revision.info().annotationId(), ReviewState.SUBMITTED, reader.id(), null);
            catalog.audit().append(AuditAction.EXPORT, null, null, Map.of("format", "nnunet", "cases", 1, "profile", "basic"));
        }
        return file;
    }

    @Test
    void theStoresWriteWhatTheyDoIntoTheTrailWithWhoAndWhere() {
        try (Catalog catalog = Catalog.open(catalogWithHistory())) {
            List<AuditEntry> entries = catalog.audit().list(AuditFilter.ALL);

            assertThat(entries).extracting(AuditEntry::action)
                    .containsExactly("ai-run", "finding-decided", "label-revised", "review", "export");
            assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(entries).allMatch(e -> e.account().equals("rad1"));
            assertThat(entries).allMatch(e -> "Dr Rivera".equals(e.person()));
            AuditEntry run = entries.getFirst();
            assertThat(run.seriesUid()).isEqualTo(Fixtures.SERIES);
            assertThat(run.studyUid()).as("filled in from the index").isNotNull();
            assertThat(run.detail()).contains("\"modelId\":\"demo-nodules\"").contains("\"modelSha256\":\"" + "ab".repeat(32) + "\"")
                    .contains("\"device\":\"cpu\"");
            assertThat(entries.get(1).detail()).contains("\"decision\":\"ACCEPT\"");
            assertThat(entries.get(4).detail()).isEqualTo("{\"cases\":1,\"format\":\"nnunet\",\"profile\":\"basic\"}");
            assertThat(entries.get(0).previousHash()).isEqualTo(AuditLog.GENESIS);
            for (int i = 1; i < entries.size(); i++) {
                assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i - 1).hash());
            }
            assertThat(catalog.audit().verify().intact()).isTrue();
            assertThat(catalog.audit().verify().checked()).isEqualTo(5);
        }
    }

    @Test
    void listingFiltersByStudyUserTimeAndAction() {
        try (Catalog catalog = Catalog.open(catalogWithHistory())) {
            String study = catalog.audit().list(AuditFilter.ALL).getFirst().studyUid();
            assertThat(catalog.audit().list(new AuditFilter(study, null, null, null, 100))).hasSize(4);
            assertThat(catalog.audit().list(new AuditFilter(null, "Dr Rivera", null, null, 100))).hasSize(5);
            assertThat(catalog.audit().list(new AuditFilter(null, "someone else", null, null, 100))).isEmpty();
            assertThat(catalog.audit().list(new AuditFilter(null, null, Instant.now().plusSeconds(60), null, 100))).isEmpty();
            assertThat(catalog.audit().list(new AuditFilter(null, null, null, AuditAction.REVIEW, 100))).hasSize(1);
            assertThat(catalog.audit().list(new AuditFilter(null, null, null, null, 2))).hasSize(2);
        }
    }

    @Test
    void honestCodeCannotChangeOrRemoveAnEntry() throws Exception {
        Path file = catalogWithHistory();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET person = 'x' WHERE seq = 2")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_event WHERE seq = 2")).hasMessageContaining("append-only");
        }
    }

    @Test
    void verifyNamesTheFirstEntryThatWasChanged() throws Exception {
        Path file = catalogWithHistory();
        tamper(file, "UPDATE audit_event SET detail = replace(detail, 'ACCEPT', 'REJECT') WHERE seq = 2");
        try (Catalog catalog = Catalog.open(file)) {
            AuditVerification v = catalog.audit().verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBroken()).isEqualTo(2L);
            assertThat(v.checked()).isEqualTo(1);
            assertThat(v.reason()).contains("entry 2").contains("changed after it was written");
        }
    }

    @Test
    void verifyFindsARemovedEntryAndARewrittenHash() throws Exception {
        Path removed = catalogWithHistory();
        tamper(removed, "DELETE FROM audit_event WHERE seq = 3");
        try (Catalog catalog = Catalog.open(removed)) {
            AuditVerification v = catalog.audit().verify();
            assertThat(v.firstBroken()).isEqualTo(3L);
            assertThat(v.reason()).contains("entry 3 is missing");
        }
        // A forger who also recomputes the changed entry's own hash still breaks the link to the next entry.
        Path rehashed = catalogWithHistory("rehashed.sqlite");
        AuditEntry second;
        try (Catalog catalog = Catalog.open(rehashed)) {
            second = catalog.audit().list(AuditFilter.ALL).get(1);
        }
        String forged = second.detail().replace("ACCEPT", "REJECT");
        String forgedHash = AuditLog.hash(second.previousHash(), second.seq(), second.at().toEpochMilli(), second.account(),
                second.person(), second.action(), second.studyUid(), second.seriesUid(), forged);
        tamper(rehashed, "UPDATE audit_event SET detail = '" + forged.replace("'", "''") + "', hash = '" + forgedHash + "' WHERE seq = 2");
        try (Catalog catalog = Catalog.open(rehashed)) {
            AuditVerification v = catalog.audit().verify();
            assertThat(v.firstBroken()).isEqualTo(3L);
            assertThat(v.reason()).contains("does not follow entry 2");
        }
    }

    /** What someone with sqlite3 and the file can do: drop the guard, then change the rows. */
    private static void tamper(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER IF EXISTS audit_event_append_only_update");
            s.execute("DROP TRIGGER IF EXISTS audit_event_append_only_delete");
            s.executeUpdate(sql);
        }
    }
}
