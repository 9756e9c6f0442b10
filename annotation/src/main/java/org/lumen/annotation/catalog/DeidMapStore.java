// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Map;
import java.util.Optional;
import org.lumen.annotation.deid.Pseudonym;
import org.lumen.annotation.deid.RecordingIdentities.PatientRecord;

/**
 * Which original became which replacement when Lumen de-identified data (docs/catalog.md, tables
 * {@code deid_uid} and {@code deid_patient}): appended after each run, in one transaction, and read
 * when the site traces a shared file back to its patient. Never exported.
 */
public final class DeidMapStore {

    private final Db db;

    DeidMapStore(Db db) {
        this.db = db;
    }

    /** Records what a run replaced; replacements recorded before are left as they are. Returns the number of new rows. */
    public int record(Map<String, String> uids, Map<String, PatientRecord> patients) {
        return db.write("cannot record the de-identification map", c -> {
            long now = db.now();
            int added = 0;
            for (Map.Entry<String, String> u : uids.entrySet()) {
                added += Sql.update(c, "INSERT OR IGNORE INTO deid_uid (replacement, original, first_used) VALUES (?, ?, ?)",
                        u.getKey(), u.getValue(), now);
            }
            for (PatientRecord p : patients.values()) {
                added += Sql.update(c, """
                        INSERT OR IGNORE INTO deid_patient (pseudonym_id, pseudonym_name, original_id, original_name, day_shift, first_used)
                        VALUES (?, ?, ?, ?, ?, ?)""", p.pseudonym().patientId(), p.pseudonym().patientName(), p.originalId(),
                        p.originalName(), p.dayShift(), now);
            }
            return added;
        });
    }

    /** The original UID behind a replacement, if Lumen made it here. */
    public Optional<String> originalUid(String replacement) {
        return db.read("cannot read the de-identification map",
                c -> Sql.one(c, "SELECT original FROM deid_uid WHERE replacement = ?", rs -> rs.getString(1), replacement));
    }

    /** The patient behind a pseudonym ID, if Lumen made it here. */
    public Optional<PatientRecord> patient(String pseudonymId) {
        return db.read("cannot read the de-identification map", c -> Sql.one(c,
                "SELECT * FROM deid_patient WHERE pseudonym_id = ?",
                rs -> new PatientRecord(new Pseudonym(rs.getString("pseudonym_id"), rs.getString("pseudonym_name")),
                        rs.getString("original_id"), rs.getString("original_name"), rs.getInt("day_shift")), pseudonymId));
    }

    /** How many UIDs and patients are recorded. */
    public int[] counts() {
        return db.read("cannot read the de-identification map", c -> new int[] {
                Sql.one(c, "SELECT count(*) FROM deid_uid", rs -> rs.getInt(1)).orElse(0),
                Sql.one(c, "SELECT count(*) FROM deid_patient", rs -> rs.getInt(1)).orElse(0)});
    }
}
