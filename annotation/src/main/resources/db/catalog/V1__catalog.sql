-- SPDX-License-Identifier: Apache-2.0
-- Lumen catalog, schema version 1: every table. docs/catalog.md describes each one.
-- Times are UTC milliseconds since the epoch; DICOM dates stay as their YYYYMMDD text.

PRAGMA application_id = 1280658766; -- 0x4C554D4E, "LUMN": marks the file as a Lumen catalog

-- The study/series/instance index of what the user opened or imported.
CREATE TABLE study (
    study_uid          TEXT PRIMARY KEY NOT NULL,
    patient_name       TEXT,
    patient_id         TEXT,
    patient_birth_date TEXT,
    patient_sex        TEXT,
    study_date         TEXT,
    study_time         TEXT,
    description        TEXT,
    accession_number   TEXT,
    study_id           TEXT,
    source             TEXT,
    imported_at        INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);

CREATE TABLE series (
    series_uid            TEXT PRIMARY KEY NOT NULL,
    study_uid             TEXT NOT NULL REFERENCES study (study_uid),
    number                INTEGER,
    description           TEXT,
    modality              TEXT,
    frame_of_reference_uid TEXT,
    body_part             TEXT,
    kind                  TEXT NOT NULL,
    instance_count        INTEGER NOT NULL,
    frame_count           INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);

CREATE TABLE instance (
    sop_instance_uid    TEXT PRIMARY KEY NOT NULL,
    series_uid          TEXT NOT NULL REFERENCES series (series_uid),
    sop_class_uid       TEXT,
    instance_number     INTEGER,
    frames              INTEGER NOT NULL,
    transfer_syntax_uid TEXT,
    file                TEXT
);

-- Annotators and reviewers.
CREATE TABLE person (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    is_annotator INTEGER NOT NULL CHECK (is_annotator IN (0, 1)),
    is_reviewer  INTEGER NOT NULL CHECK (is_reviewer IN (0, 1)),
    created_at   INTEGER NOT NULL
);

-- Datasets: a named set of series (cases) labelled with one label schema.
CREATE TABLE dataset (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    description  TEXT,
    label_schema TEXT,
    created_at   INTEGER NOT NULL
);

CREATE TABLE dataset_member (
    dataset_id   INTEGER NOT NULL REFERENCES dataset (id),
    series_uid   TEXT NOT NULL REFERENCES series (series_uid),
    position     INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('TODO', 'IN_PROGRESS', 'DONE', 'SKIPPED')),
    review_state TEXT NOT NULL CHECK (review_state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
    added_at     INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, series_uid)
);

-- Label classes: of a dataset's schema, or global when dataset_id is null.
CREATE TABLE label_class (
    id           INTEGER PRIMARY KEY,
    dataset_id   INTEGER REFERENCES dataset (id),
    name         TEXT NOT NULL,
    colour       TEXT NOT NULL,
    type         TEXT NOT NULL CHECK (type IN ('MASK', 'BOX', 'POINT', 'LINE', 'CLASSIFICATION')),
    mask_value   INTEGER CHECK (mask_value BETWEEN 1 AND 255),
    code_scheme  TEXT,
    code_value   TEXT,
    code_meaning TEXT,
    UNIQUE (dataset_id, name),
    UNIQUE (dataset_id, mask_value)
);

-- AI runs on a series and their ranked findings.
CREATE TABLE ai_run (
    id            INTEGER PRIMARY KEY,
    series_uid    TEXT NOT NULL REFERENCES series (series_uid),
    model_id      TEXT NOT NULL,
    model_version TEXT NOT NULL,
    model_sha256  TEXT NOT NULL,
    device        TEXT NOT NULL,
    parameters    TEXT NOT NULL,
    timings       TEXT NOT NULL,
    ran_at        INTEGER NOT NULL
);

CREATE TABLE finding (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES ai_run (id),
    rank       INTEGER NOT NULL,
    score      REAL NOT NULL,
    label      TEXT NOT NULL,
    centre_x   REAL NOT NULL,
    centre_y   REAL NOT NULL,
    centre_z   REAL NOT NULL,
    extent_x   REAL NOT NULL,
    extent_y   REAL NOT NULL,
    extent_z   REAL NOT NULL,
    volume_mm3 REAL,
    UNIQUE (run_id, rank)
);

-- Annotations: one label layer on one series; its content lives in append-only revisions.
CREATE TABLE annotation (
    id               INTEGER PRIMARY KEY,
    series_uid       TEXT NOT NULL REFERENCES series (series_uid),
    dataset_id       INTEGER REFERENCES dataset (id),
    kind             TEXT NOT NULL CHECK (kind IN ('MASK', 'VECTOR', 'CLASSIFICATION')),
    label_class_id   INTEGER REFERENCES label_class (id),
    created_by       INTEGER NOT NULL REFERENCES person (id),
    created_at       INTEGER NOT NULL,
    head_revision_id INTEGER REFERENCES revision (id),
    review_state     TEXT NOT NULL CHECK (review_state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'))
);

-- mask_slices: a mask revision's manifest, the mask_slice rows of its labelled slices ("LMS1",
-- count, then slice index and mask_slice id per entry); data: JSON (the grid geometry of a mask,
-- the shapes of a vector label, the labels of a classification); payload_sha256: a SHA-256 of the
-- content (docs/catalog.md says over what), checked on every read; stored_bytes: what this save
-- added to the file (its row and any new mask slices).
CREATE TABLE revision (
    id                INTEGER PRIMARY KEY,
    annotation_id     INTEGER NOT NULL REFERENCES annotation (id),
    number            INTEGER NOT NULL CHECK (number >= 1),
    parent_id         INTEGER REFERENCES revision (id),
    author_id         INTEGER NOT NULL REFERENCES person (id),
    created_at        INTEGER NOT NULL,
    origin            TEXT NOT NULL CHECK (origin IN ('MANUAL', 'AI_FINDING', 'IMPORTED')),
    origin_run_id     INTEGER REFERENCES ai_run (id),
    origin_finding_id INTEGER REFERENCES finding (id),
    origin_source     TEXT,
    restored_from_id  INTEGER REFERENCES revision (id),
    payload_kind      TEXT NOT NULL CHECK (payload_kind IN ('MASK', 'VECTOR', 'CLASSIFICATION')),
    mask_slices       BLOB,
    data              TEXT NOT NULL,
    payload_sha256    TEXT NOT NULL,
    stored_bytes      INTEGER NOT NULL,
    comment           TEXT,
    UNIQUE (annotation_id, number),
    CHECK ((origin = 'AI_FINDING') = (origin_run_id IS NOT NULL AND origin_finding_id IS NOT NULL)),
    CHECK ((payload_kind = 'MASK') = (mask_slices IS NOT NULL))
);

-- One slice of a mask as MaskCodec encodes it (a columns x rows x 1 mask), shared by every revision
-- of its annotation whose slice k has this content: a brush stroke stores only the slices it changed.
CREATE TABLE mask_slice (
    id            INTEGER PRIMARY KEY,
    annotation_id INTEGER NOT NULL REFERENCES annotation (id),
    k             INTEGER NOT NULL CHECK (k >= 0),
    data          BLOB NOT NULL,
    sha256        TEXT NOT NULL
);

-- The human decision on each AI finding; the latest one counts, all are kept.
CREATE TABLE decision (
    id          INTEGER PRIMARY KEY,
    finding_id  INTEGER NOT NULL REFERENCES finding (id),
    kind        TEXT NOT NULL CHECK (kind IN ('ACCEPT', 'REJECT', 'EDIT', 'UNCERTAIN')),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    decided_at  INTEGER NOT NULL,
    comment     TEXT,
    revision_id INTEGER REFERENCES revision (id)
);

-- Review workflow history, per annotation or per case (dataset member).
CREATE TABLE review_event (
    id            INTEGER PRIMARY KEY,
    annotation_id INTEGER REFERENCES annotation (id),
    dataset_id    INTEGER,
    series_uid    TEXT,
    from_state    TEXT NOT NULL,
    to_state      TEXT NOT NULL,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    at            INTEGER NOT NULL,
    comment       TEXT,
    FOREIGN KEY (dataset_id, series_uid) REFERENCES dataset_member (dataset_id, series_uid),
    CHECK ((annotation_id IS NULL) <> (dataset_id IS NULL AND series_uid IS NULL))
);

-- Agreement between two annotators' mask revisions of one series, per label value.
CREATE TABLE agreement (
    id            INTEGER PRIMARY KEY,
    series_uid    TEXT NOT NULL REFERENCES series (series_uid),
    revision_a    INTEGER NOT NULL REFERENCES revision (id),
    revision_b    INTEGER NOT NULL REFERENCES revision (id),
    computed_at   INTEGER NOT NULL,
    connectivity  INTEGER NOT NULL
);

CREATE TABLE agreement_class (
    agreement_id INTEGER NOT NULL REFERENCES agreement (id),
    label        INTEGER NOT NULL CHECK (label BETWEEN 1 AND 255),
    dice         REAL NOT NULL,
    voxels_a     INTEGER NOT NULL,
    voxels_b     INTEGER NOT NULL,
    overlap      INTEGER NOT NULL,
    lesions_a    INTEGER NOT NULL,
    lesions_b    INTEGER NOT NULL,
    matched_a    INTEGER NOT NULL,
    matched_b    INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, label)
);
