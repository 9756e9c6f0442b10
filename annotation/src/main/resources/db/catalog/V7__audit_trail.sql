-- SPDX-License-Identifier: Apache-2.0
-- Lumen catalog, schema version 7: the audit trail. One row per thing a department may have to
-- account for (a study opened, an AI run, its results shown, a decision, a label revision, a review,
-- a validation, an export or send, a setting that changes what the AI shows). Each row carries the
-- hash of the row before it, so a changed or removed row breaks the chain where it happened
-- (`lumen audit verify`); the triggers keep honest code from changing rows at all.

CREATE TABLE audit_event (
    seq          INTEGER PRIMARY KEY,            -- 1, 2, 3, … in the order written
    at           INTEGER NOT NULL,               -- epoch ms
    account      TEXT NOT NULL,                  -- the operating-system account Lumen ran under
    person       TEXT,                           -- the display name the user set, or the catalog person who acted
    action       TEXT NOT NULL,                  -- study-opened, ai-run, ai-shown, finding-decided, label-revised, …
    study_uid    TEXT,
    series_uid   TEXT,
    detail       TEXT NOT NULL,                  -- JSON object, keys sorted (what the hash covers, byte for byte)
    prev_hash    TEXT NOT NULL,                  -- the previous row's hash; 64 zeros for the first row
    hash         TEXT NOT NULL                   -- SHA-256 over this row's fields and prev_hash (docs/catalog.md)
);
CREATE INDEX audit_event_by_study ON audit_event (study_uid, seq);
CREATE INDEX audit_event_by_account ON audit_event (account, seq);
CREATE INDEX audit_event_by_time ON audit_event (at);

CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
