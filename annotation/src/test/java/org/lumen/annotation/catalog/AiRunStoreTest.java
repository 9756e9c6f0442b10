// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.geometry.Vec3;

/** AI runs with provenance and findings, and append-only decisions of which the latest counts. */
class AiRunStoreTest {

    @TempDir
    Path dir;

    private Catalog catalog;
    private long reader;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.sqlite"));
        catalog.studies().upsert(Fixtures.index(3), "test");
        reader = catalog.people().ensure("dr who", false, true).id();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void aRunOutsideTheModelsIntendedUseKeepsTheDecisionAndItsReasonsAndMustGiveThem() {
        IntendedUseRecord outside = new IntendedUseRecord(IntendedUseRecord.Verdict.OUTSIDE,
                List.of("its modality is MR; the model is for CT", "its slices are 7 mm apart; the model is for slices 0.5–3 mm apart"),
                List.of("the file gives no slice thickness"));
        AiRun run = catalog.aiRuns().record(new NewAiRun(Fixtures.SERIES, "m", "1", "0f".repeat(32), "cpu", "{}", Map.of(), null,
                List.of(new NewFinding(1, 0.9, "nodule", new Vec3(1, 2, 3), new Vec3(4, 4, 4), 30.0)), outside));
        AiRun unchecked = catalog.aiRuns().record(new NewAiRun(Fixtures.SERIES, "m", "1", "0f".repeat(32), "cpu", "{}", Map.of(), null,
                List.of()));

        assertThat(catalog.aiRuns().run(run.id()).orElseThrow().intendedUse()).isEqualTo(outside);
        assertThat(catalog.aiRuns().run(unchecked.id()).orElseThrow().intendedUse()).isEqualTo(IntendedUseRecord.NOT_CHECKED);
        // Whatever program writes the file: an OUTSIDE run without reasons is refused by the catalog itself.
        assertThatThrownBy(() -> catalog.db().write("a bare outside run", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO ai_run (series_uid, model_id, model_version, model_sha256, device, parameters, "
                        + "timings, ran_at, intended_use) VALUES ('" + Fixtures.SERIES + "', 'm', '1', 'x', 'cpu', '{}', '{}', 0, 'OUTSIDE')");
            }
        })).isInstanceOf(CatalogException.class).hasMessageContaining("must record its reasons");
    }

    @Test
    void aRunKeepsItsProvenanceTimingsInOrderAndRankedFindings() {
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("pre", 41.5);
        timings.put("infer", 812.25);
        timings.put("post", 17.0);
        timings.put("write", 3.125);
        Instant ranAt = Instant.parse("2026-03-04T05:06:07.089Z");
        AiRun run = catalog.aiRuns().record(new NewAiRun(Fixtures.SERIES, "lumen/lung-nodule-det", "2.1.0", "0f".repeat(32),
                "CUDA 12 on NVIDIA H100", "{\"threshold\":0.35,\"tile\":[96,96,96]}", timings, ranAt, List.of(
                        new NewFinding(2, 0.61, "nodule", new Vec3(-40.5, 12.25, -101.0), new Vec3(6, 6, 5), 94.2),
                        new NewFinding(1, 0.97, "nodule", new Vec3(30.125, -8.5, -120.75), new Vec3(14, 12, 11), 967.0),
                        new NewFinding(3, 0.35, "mass", new Vec3(0, 0, 0), new Vec3(30, 28, 25), null))));

        AiRun loaded = catalog.aiRuns().run(run.id()).orElseThrow();
        assertThat(loaded).isEqualTo(run);
        assertThat(loaded.modelSha256()).isEqualTo("0f".repeat(32));
        assertThat(loaded.device()).isEqualTo("CUDA 12 on NVIDIA H100");
        assertThat(loaded.ranAt()).isEqualTo(ranAt);
        assertThat(loaded.timingsMs().keySet()).containsExactly("pre", "infer", "post", "write");
        assertThat(loaded.timingsMs()).containsEntry("write", 3.125);
        assertThat(Json.read(loaded.parametersJson()).get("tile").size()).isEqualTo(3);
        assertThat(loaded.findings()).extracting(Finding::rank).containsExactly(1, 2, 3);
        assertThat(loaded.findings().getFirst().centre()).isEqualTo(new Vec3(30.125, -8.5, -120.75));
        assertThat(loaded.findings().getFirst().volumeMm3()).isEqualTo(967.0);
        assertThat(loaded.findings().get(2).volumeMm3()).isNull();
        assertThat(catalog.aiRuns().runs(Fixtures.SERIES)).containsExactly(loaded);
        assertThat(catalog.counts().findings()).isEqualTo(3);
    }

    @Test
    void everyDecisionIsKeptAndTheLatestCounts() {
        AiRun run = run(2);
        Finding first = run.findings().get(0);
        Finding second = run.findings().get(1);
        long other = catalog.people().ensure("dr no", false, true).id();

        Decision d1 = catalog.aiRuns().decide(first.id(), DecisionKind.UNCERTAIN, reader, "small, check prior", null);
        Decision d2 = catalog.aiRuns().decide(first.id(), DecisionKind.ACCEPT, other, "grew since prior", null);
        Decision d3 = catalog.aiRuns().decide(second.id(), DecisionKind.REJECT, reader, "vessel", null);

        assertThat(catalog.aiRuns().decisions(first.id())).containsExactly(d1, d2);
        assertThat(catalog.aiRuns().latestDecision(first.id())).contains(d2);
        assertThat(catalog.aiRuns().latestDecisions(run.id())).containsExactly(Map.entry(first.id(), d2), Map.entry(second.id(), d3));
        assertThat(d2.personId()).isEqualTo(other);
        assertThat(d1.comment()).isEqualTo("small, check prior");
        assertThat(catalog.counts().decisions()).isEqualTo(3);
        assertThatThrownBy(() -> catalog.db().write("rewriting a decision", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE decision SET kind = 'ACCEPT' WHERE id = " + d3.id());
            }
        })).hasMessage("rewriting a decision: decisions are append-only");
    }

    @Test
    void badInputIsRefusedWithSentences() {
        assertThatThrownBy(() -> catalog.aiRuns().decide(999, DecisionKind.ACCEPT, reader, null, null))
                .hasMessage("there is no finding 999");
        assertThatThrownBy(() -> new NewAiRun(Fixtures.SERIES, "m", "1", "00", "cpu", "[1,2]", Map.of(), null, List.of()))
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> new NewAiRun(Fixtures.SERIES, "m", "1", "00", "cpu", "{}", Map.of("infer", Double.NaN), null, List.of()))
                .hasMessageContaining("finite number of ms");
        assertThatThrownBy(() -> catalog.aiRuns().record(new NewAiRun(Fixtures.SERIES, "m", "1", "00", "cpu", null, Map.of(), null,
                List.of(finding(1), finding(1))))).hasMessage("the AI run has two findings of rank 1");
        assertThat(catalog.counts().aiRuns()).as("the failed run left nothing behind").isZero();
    }

    private AiRun run(int findings) {
        List<NewFinding> list = new ArrayList<>();
        for (int i = 1; i <= findings; i++) {
            list.add(finding(i));
        }
        return catalog.aiRuns().record(new NewAiRun(Fixtures.SERIES, "m", "1", "00", "cpu", null, Map.of("infer", 1.0), null, list));
    }

    private static NewFinding finding(int rank) {
        return new NewFinding(rank, 1.0 / rank, "nodule", new Vec3(rank, rank, rank), new Vec3(5, 5, 5), 65.4);
    }
}
