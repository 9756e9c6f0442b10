// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.lumen.viewer.geometry.Vec3;

/**
 * AI runs with their provenance, findings and intended-use verdict (with the reasons when the reader
 * ran a model outside it), and the human decisions on each finding. Runs and
 * findings are written once; decisions are appended (the latest counts), so the history of how a
 * radiologist judged the model stays available for training and audit.
 */
public final class AiRunStore {

    private final Db db;
    private final AuditLog audit;

    AiRunStore(Db db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Records a run and all its findings in one transaction. */
    public AiRun record(NewAiRun run) {
        return db.write("cannot record the AI run of " + run.modelId() + " on series " + run.seriesUid(), c -> {
            StudyIndexStore.requireSeries(c, run.seriesUid());
            ObjectNode timings = Json.object();
            run.timingsMs().forEach(timings::put);
            long ranAt = run.ranAt() == null ? db.now() : run.ranAt().toEpochMilli();
            IntendedUseRecord use = run.intendedUse();
            long id = Sql.insert(c, """
                    INSERT INTO ai_run (series_uid, model_id, model_version, model_sha256, device, parameters, timings, ran_at,
                                        intended_use, intended_use_reasons, intended_use_notes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", run.seriesUid(), run.modelId(), run.modelVersion(), run.modelSha256(),
                    run.device(), run.parametersJson(), Json.write(timings), ranAt, use.verdict().name(), sentences(use.reasons()),
                    sentences(use.notes()));
            for (NewFinding f : run.findings()) {
                if (Sql.exists(c, "SELECT 1 FROM finding WHERE run_id = ? AND rank = ?", id, f.rank())) {
                    throw new CatalogException(Reason.REFUSED, "the AI run has two findings of rank " + f.rank());
                }
                Sql.insert(c, """
                        INSERT INTO finding (run_id, rank, score, label, centre_x, centre_y, centre_z, extent_x, extent_y,
                                             extent_z, volume_mm3)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, f.rank(), f.score(), f.label(), f.centre().x(),
                        f.centre().y(), f.centre().z(), f.extent().x(), f.extent().y(), f.extent().z(), f.volumeMm3());
            }
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("runId", id);
            detail.put("modelId", run.modelId());
            detail.put("modelVersion", run.modelVersion());
            detail.put("modelSha256", run.modelSha256());
            detail.put("device", run.device());
            detail.put("findings", run.findings().size());
            detail.put("intendedUse", use.verdict().name());
            audit.appendIn(c, AuditAction.AI_RUN, null, null, run.seriesUid(), detail);
            return find(c, id).orElseThrow();
        });
    }

    public Optional<AiRun> run(long runId) {
        return db.read("cannot read AI run " + runId, c -> find(c, runId));
    }

    /** The runs on a series, newest first. */
    public List<AiRun> runs(String seriesUid) {
        return db.read("cannot list the AI runs of series " + seriesUid, c -> {
            List<Long> ids = Sql.list(c, "SELECT id FROM ai_run WHERE series_uid = ? ORDER BY ran_at DESC, id DESC",
                    rs -> rs.getLong(1), seriesUid);
            List<AiRun> runs = new ArrayList<>();
            for (long id : ids) {
                runs.add(find(c, id).orElseThrow());
            }
            return runs;
        });
    }

    /** Appends a decision on a finding; for EDIT, {@code revisionId} may name the revision holding the corrected label. */
    public Decision decide(long findingId, DecisionKind kind, long personId, String comment, Long revisionId) {
        return db.write("cannot record the decision on finding " + findingId, c -> {
            if (findFinding(c, findingId).isEmpty()) {
                throw new CatalogException(Reason.NO_SUCH_ROW, "there is no finding " + findingId);
            }
            PersonStore.require(c, personId);
            if (revisionId != null && !Sql.exists(c, "SELECT 1 FROM revision WHERE id = ?", revisionId)) {
                throw new CatalogException(Reason.NO_SUCH_ROW, "there is no revision " + revisionId);
            }
            long id = Sql.insert(c, """
                    INSERT INTO decision (finding_id, kind, person_id, decided_at, comment, revision_id)
                    VALUES (?, ?, ?, ?, ?, ?)""", findingId, kind, personId, db.now(), comment, revisionId);
            Finding finding = findFinding(c, findingId).orElseThrow();
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("findingId", findingId);
            detail.put("runId", finding.runId());
            detail.put("decision", kind.name());
            if (revisionId != null) {
                detail.put("revisionId", revisionId);
            }
            String series = Sql.one(c, "SELECT series_uid FROM ai_run WHERE id = ?", rs -> rs.getString(1), finding.runId()).orElse(null);
            audit.appendIn(c, AuditAction.FINDING_DECIDED, PersonStore.require(c, personId).name(), null, series, detail);
            return Sql.one(c, "SELECT * FROM decision WHERE id = ?", AiRunStore::decision, id).orElseThrow();
        });
    }

    /** Every decision on a finding, oldest first. */
    public List<Decision> decisions(long findingId) {
        return db.read("cannot list the decisions on finding " + findingId, c ->
                Sql.list(c, "SELECT * FROM decision WHERE finding_id = ? ORDER BY id", AiRunStore::decision, findingId));
    }

    /** The decision that counts: the latest. */
    public Optional<Decision> latestDecision(long findingId) {
        return db.read("cannot read the decision on finding " + findingId, c ->
                Sql.one(c, "SELECT * FROM decision WHERE finding_id = ? ORDER BY id DESC LIMIT 1", AiRunStore::decision, findingId));
    }

    /** The latest decision on each decided finding of a run, by finding id. */
    public Map<Long, Decision> latestDecisions(long runId) {
        return db.read("cannot read the decisions of AI run " + runId, c -> {
            Map<Long, Decision> latest = new LinkedHashMap<>();
            for (Decision d : Sql.list(c, """
                    SELECT d.* FROM decision d JOIN finding f ON f.id = d.finding_id
                    WHERE f.run_id = ? AND d.id = (SELECT max(id) FROM decision WHERE finding_id = d.finding_id)
                    ORDER BY f.rank""", AiRunStore::decision, runId)) {
                latest.put(d.findingId(), d);
            }
            return latest;
        });
    }

    private static Optional<AiRun> find(Connection c, long id) throws SQLException {
        Optional<AiRun> bare = Sql.one(c, "SELECT * FROM ai_run WHERE id = ?", rs -> run(rs, List.of()), id);
        if (bare.isEmpty()) {
            return bare;
        }
        List<Finding> findings = Sql.list(c, "SELECT * FROM finding WHERE run_id = ? ORDER BY rank", AiRunStore::finding, id);
        AiRun r = bare.get();
        return Optional.of(new AiRun(r.id(), r.seriesUid(), r.modelId(), r.modelVersion(), r.modelSha256(), r.device(),
                r.parametersJson(), r.timingsMs(), r.ranAt(), findings, r.intendedUse()));
    }

    private static Optional<Finding> findFinding(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM finding WHERE id = ?", AiRunStore::finding, id);
    }

    private static AiRun run(ResultSet rs, List<Finding> findings) throws SQLException {
        Map<String, Double> timings = new LinkedHashMap<>();
        JsonNode node = Json.read(rs.getString("timings"));
        node.properties().forEach(e -> timings.put(e.getKey(), e.getValue().doubleValue()));
        return new AiRun(rs.getLong("id"), rs.getString("series_uid"), rs.getString("model_id"), rs.getString("model_version"),
                rs.getString("model_sha256"), rs.getString("device"), rs.getString("parameters"), timings,
                Sql.instant(rs, "ran_at"), findings, new IntendedUseRecord(IntendedUseRecord.Verdict.valueOf(rs.getString("intended_use")),
                sentences(rs.getString("intended_use_reasons")), sentences(rs.getString("intended_use_notes"))));
    }

    private static String sentences(List<String> list) {
        var array = Json.MAPPER.createArrayNode();
        list.forEach(array::add);
        return Json.write(array);
    }

    private static List<String> sentences(String json) {
        List<String> list = new ArrayList<>();
        Json.read(json).forEach(n -> list.add(n.asText()));
        return list;
    }

    private static Finding finding(ResultSet rs) throws SQLException {
        return new Finding(rs.getLong("id"), rs.getLong("run_id"), rs.getInt("rank"), rs.getDouble("score"), rs.getString("label"),
                new Vec3(rs.getDouble("centre_x"), rs.getDouble("centre_y"), rs.getDouble("centre_z")),
                new Vec3(rs.getDouble("extent_x"), rs.getDouble("extent_y"), rs.getDouble("extent_z")),
                Sql.nullableDouble(rs, "volume_mm3"));
    }

    private static Decision decision(ResultSet rs) throws SQLException {
        return new Decision(rs.getLong("id"), rs.getLong("finding_id"), DecisionKind.valueOf(rs.getString("kind")),
                rs.getLong("person_id"), Sql.instant(rs, "decided_at"), rs.getString("comment"), Sql.nullableLong(rs, "revision_id"));
    }
}
