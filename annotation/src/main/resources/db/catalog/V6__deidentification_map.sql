-- SPDX-License-Identifier: Apache-2.0
-- Lumen catalog, schema version 6: which original became which replacement when Lumen de-identified
-- data (lumen deid, dataset export). The replacements themselves are derived from the originals with
-- the site's key, so they are the same in every export; these tables let the site go back from a
-- replacement to the original (a finding in a shared dataset traced to its patient), and they are the
-- only place that link exists: it never goes out with an export. Rows are only ever added.

CREATE TABLE deid_uid (
    replacement TEXT PRIMARY KEY NOT NULL,          -- the UID in de-identified files
    original    TEXT NOT NULL,                      -- the UID it replaced
    first_used  INTEGER NOT NULL                    -- when it was first written (epoch ms)
);
CREATE INDEX deid_uid_by_original ON deid_uid (original);

CREATE TABLE deid_patient (
    pseudonym_id   TEXT PRIMARY KEY NOT NULL,       -- Patient ID in de-identified files (ANON-…)
    pseudonym_name TEXT NOT NULL,
    original_id    TEXT,                            -- the original Patient ID (null when the file had none)
    original_name  TEXT,                            -- the original Patient's Name, as first seen
    day_shift      INTEGER NOT NULL,                -- days added to this patient's dates when dates were shifted
    first_used     INTEGER NOT NULL
);

CREATE TRIGGER deid_uid_append_only_update BEFORE UPDATE ON deid_uid
BEGIN SELECT RAISE(ABORT, 'de-identification records are append-only'); END;
CREATE TRIGGER deid_uid_append_only_delete BEFORE DELETE ON deid_uid
BEGIN SELECT RAISE(ABORT, 'de-identification records are append-only'); END;
CREATE TRIGGER deid_patient_append_only_update BEFORE UPDATE ON deid_patient
BEGIN SELECT RAISE(ABORT, 'de-identification records are append-only'); END;
CREATE TRIGGER deid_patient_append_only_delete BEFORE DELETE ON deid_patient
BEGIN SELECT RAISE(ABORT, 'de-identification records are append-only'); END;
