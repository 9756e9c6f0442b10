-- SPDX-License-Identifier: Apache-2.0
-- Lumen catalog, schema version 8: the operating point a site chose for a model (the score threshold its
-- readers see findings from), usually from a local validation ("1 false positive per scan on our cases").
-- The catalog is the site's, so a row is the site's choice; the latest row per model is the one in force,
-- and the rows before it are its history. Rows are only ever added.

CREATE TABLE operating_point (
    id            INTEGER PRIMARY KEY,
    model_id      TEXT NOT NULL,
    model_version TEXT NOT NULL,
    model_sha256  TEXT NOT NULL,
    threshold     REAL NOT NULL,
    fp_per_scan   REAL,                           -- the false-positive rate it was chosen for, when chosen from a validation
    sensitivity   REAL,                           -- the sensitivity the validation measured there
    dataset       TEXT,                           -- the dataset of that validation
    chosen_at     INTEGER NOT NULL,               -- epoch ms
    chosen_by     TEXT NOT NULL                   -- the account (and person) who chose it
);
CREATE INDEX operating_point_by_model ON operating_point (model_id, id);

CREATE TRIGGER operating_point_append_only_update BEFORE UPDATE ON operating_point
BEGIN SELECT RAISE(ABORT, 'operating points are append-only: choose a new one'); END;
CREATE TRIGGER operating_point_append_only_delete BEFORE DELETE ON operating_point
BEGIN SELECT RAISE(ABORT, 'operating points are append-only: choose a new one'); END;
