-- SPDX-License-Identifier: Apache-2.0
-- Lumen catalog, schema version 5: the studies kept in the offline cache (retrieved from an archive or
-- received from one), with their size on disk, whether the reader pinned them for offline reading,
-- and when they were last opened: what the cache browser shows and what eviction orders by. Like the
-- measurements this is working state: a row is replaced as the study changes and removed when the
-- study leaves the cache. No foreign key to study: a received study is recorded before it is indexed.

CREATE TABLE cached_study (
    study_uid      TEXT PRIMARY KEY NOT NULL,
    folder         TEXT NOT NULL,                               -- absolute path of the study's cache folder
    bytes          INTEGER NOT NULL CHECK (bytes >= 0),         -- the folder's files, as last counted
    instances      INTEGER NOT NULL CHECK (instances >= 0),
    pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    cached_at      INTEGER NOT NULL,                            -- last retrieved or received
    last_opened_at INTEGER,                                     -- null: never opened
    source         TEXT                                         -- the node it came from (name or AE title)
);

-- Eviction: unpinned studies, least recently used (opened, or cached when never opened) first.
CREATE INDEX cached_study_by_use ON cached_study (pinned, coalesce(last_opened_at, cached_at));
