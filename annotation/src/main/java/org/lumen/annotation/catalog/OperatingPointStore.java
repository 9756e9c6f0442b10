// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operating points the site chose per model (table {@code operating_point}): the latest is in force and is
 * what the AI tab starts from instead of the card's default threshold; every choice is also an audit entry.
 */
public final class OperatingPointStore {

    private final Db db;
    private final AuditLog audit;

    OperatingPointStore(Db db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    public OperatingPoint choose(OperatingPoint.Choice choice) {
        return db.write("cannot store the operating point of " + choice.modelId(), c -> {
            AuditUser who = audit.user();
            String by = who.displayName() == null ? who.account() : who.account() + " (" + who.displayName() + ")";
            long id = Sql.insert(c, """
                    INSERT INTO operating_point (model_id, model_version, model_sha256, threshold, fp_per_scan, sensitivity, dataset,
                                                 chosen_at, chosen_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", choice.modelId(), choice.modelVersion(), choice.modelSha256(), choice.threshold(),
                    choice.fpPerScan(), choice.sensitivity(), choice.dataset(), db.now(), by);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("setting", "operating point");
            detail.put("modelId", choice.modelId());
            detail.put("modelVersion", choice.modelVersion());
            detail.put("threshold", choice.threshold());
            if (choice.fpPerScan() != null) {
                detail.put("fpPerScan", choice.fpPerScan());
            }
            if (choice.dataset() != null) {
                detail.put("dataset", choice.dataset());
            }
            audit.appendIn(c, AuditAction.SETTING_CHANGED, null, null, null, detail);
            return Sql.one(c, "SELECT * FROM operating_point WHERE id = ?", OperatingPointStore::row, id).orElseThrow();
        });
    }

    /** The operating point in force for a model (any version): the latest chosen. */
    public Optional<OperatingPoint> current(String modelId) {
        return db.read("cannot read the operating point of " + modelId, c -> Sql.one(c,
                "SELECT * FROM operating_point WHERE model_id = ? ORDER BY id DESC LIMIT 1", OperatingPointStore::row, modelId));
    }

    /** Every choice for a model, newest first. */
    public List<OperatingPoint> history(String modelId) {
        return db.read("cannot read the operating points of " + modelId, c -> Sql.list(c,
                "SELECT * FROM operating_point WHERE model_id = ? ORDER BY id DESC", OperatingPointStore::row, modelId));
    }

    private static OperatingPoint row(ResultSet rs) throws SQLException {
        return new OperatingPoint(rs.getLong("id"), rs.getString("model_id"), rs.getString("model_version"), rs.getString("model_sha256"),
                rs.getDouble("threshold"), nullable(rs, "fp_per_scan"), nullable(rs, "sensitivity"), rs.getString("dataset"),
                Instant.ofEpochMilli(rs.getLong("chosen_at")), rs.getString("chosen_by"));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
