-- SPDX-License-Identifier: Apache-2.0
-- Lumen catalog, schema version 2: the indexes that keep listing, filtering and loading fast on
-- 10,000 cases, and triggers that make history tables append-only inside the database itself.

-- Study list: newest first, filtered by date range, patient, modality.
CREATE INDEX study_by_date ON study (study_date, study_time, study_uid);
CREATE INDEX study_by_patient_id ON study (patient_id COLLATE NOCASE);
CREATE INDEX study_by_patient_name ON study (patient_name COLLATE NOCASE);
CREATE INDEX series_by_study ON series (study_uid, modality);
CREATE INDEX series_by_modality ON series (modality, study_uid);
CREATE INDEX instance_by_series ON instance (series_uid);

-- Datasets and label classes.
CREATE INDEX member_by_series ON dataset_member (series_uid);
CREATE INDEX member_by_status ON dataset_member (dataset_id, status, position);
CREATE INDEX label_class_by_dataset ON label_class (dataset_id);
CREATE UNIQUE INDEX label_class_global_name ON label_class (name) WHERE dataset_id IS NULL;

-- Annotations of a case, revision history, AI provenance.
CREATE INDEX annotation_by_series ON annotation (series_uid, dataset_id);
CREATE INDEX annotation_by_dataset ON annotation (dataset_id);
CREATE INDEX revision_by_origin ON revision (origin_finding_id) WHERE origin_finding_id IS NOT NULL;
CREATE INDEX revision_by_parent ON revision (parent_id);
CREATE INDEX mask_slice_by_content ON mask_slice (annotation_id, k, sha256);
CREATE INDEX ai_run_by_series ON ai_run (series_uid, ran_at);
CREATE INDEX decision_by_finding ON decision (finding_id, id);
CREATE INDEX review_by_annotation ON review_event (annotation_id, id) WHERE annotation_id IS NOT NULL;
CREATE INDEX review_by_case ON review_event (dataset_id, series_uid, id) WHERE dataset_id IS NOT NULL;
CREATE INDEX agreement_by_series ON agreement (series_uid, id);

-- History is never rewritten: revisions and their mask slices, AI runs and findings, decisions and review events.
CREATE TRIGGER revision_no_update BEFORE UPDATE ON revision
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER revision_no_delete BEFORE DELETE ON revision
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER mask_slice_no_update BEFORE UPDATE ON mask_slice
BEGIN SELECT RAISE(ABORT, 'mask slices are append-only'); END;
CREATE TRIGGER mask_slice_no_delete BEFORE DELETE ON mask_slice
BEGIN SELECT RAISE(ABORT, 'mask slices are append-only'); END;
CREATE TRIGGER ai_run_no_update BEFORE UPDATE ON ai_run
BEGIN SELECT RAISE(ABORT, 'AI runs are append-only'); END;
CREATE TRIGGER ai_run_no_delete BEFORE DELETE ON ai_run
BEGIN SELECT RAISE(ABORT, 'AI runs are append-only'); END;
CREATE TRIGGER finding_no_update BEFORE UPDATE ON finding
BEGIN SELECT RAISE(ABORT, 'findings are append-only'); END;
CREATE TRIGGER finding_no_delete BEFORE DELETE ON finding
BEGIN SELECT RAISE(ABORT, 'findings are append-only'); END;
CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER review_event_no_update BEFORE UPDATE ON review_event
BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;
CREATE TRIGGER review_event_no_delete BEFORE DELETE ON review_event
BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;

-- An annotation's head only ever moves to one of its own revisions.
CREATE TRIGGER annotation_head_is_own BEFORE UPDATE OF head_revision_id ON annotation
WHEN NEW.head_revision_id IS NOT NULL
 AND (SELECT annotation_id FROM revision WHERE id = NEW.head_revision_id) IS NOT NEW.id
BEGIN SELECT RAISE(ABORT, 'an annotation''s head must be one of its own revisions'); END;
