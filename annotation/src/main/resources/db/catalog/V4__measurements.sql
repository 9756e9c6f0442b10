-- SPDX-License-Identifier: Apache-2.0
-- Lumen catalog, schema version 4: the measurements drawn in the viewer (lengths, angles, ellipse and
-- rectangle regions), kept with their study and series so they come back when the series is opened
-- again, also after a restart. Unlike the history tables a measurement is the user's working state:
-- an edit replaces its row and deleting it on screen deletes the row.

CREATE TABLE measurement (
    id         TEXT PRIMARY KEY NOT NULL, -- the measurement's UUID, kept across edits
    study_uid  TEXT NOT NULL,
    series_uid TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('length', 'angle', 'ellipse', 'rectangle')),
    data       TEXT NOT NULL,             -- JSON: the measurement's points in patient mm (docs/catalog.md)
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE INDEX measurement_by_study ON measurement (study_uid, created_at);
CREATE INDEX measurement_by_series ON measurement (series_uid, created_at);
