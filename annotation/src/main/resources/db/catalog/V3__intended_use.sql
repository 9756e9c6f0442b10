-- SPDX-License-Identifier: Apache-2.0
-- Lumen catalog, schema version 3: every AI run records whether its series was within the model's
-- intended use. OUTSIDE means the series failed the model card's criteria and the reader ran the
-- model anyway; the reasons say why, one sentence each. Runs recorded before this version are NOT_CHECKED.

ALTER TABLE ai_run ADD COLUMN intended_use TEXT NOT NULL DEFAULT 'NOT_CHECKED'
    CHECK (intended_use IN ('NOT_CHECKED', 'WITHIN', 'OUTSIDE', 'UNDECLARED'));
-- JSON arrays of sentences: why the series falls outside (empty unless OUTSIDE), and what could not be checked.
ALTER TABLE ai_run ADD COLUMN intended_use_reasons TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ai_run ADD COLUMN intended_use_notes TEXT NOT NULL DEFAULT '[]';

-- An OUTSIDE run always says why.
CREATE TRIGGER ai_run_outside_has_reasons BEFORE INSERT ON ai_run
WHEN NEW.intended_use = 'OUTSIDE' AND NEW.intended_use_reasons = '[]'
BEGIN SELECT RAISE(ABORT, 'an AI run outside the intended use must record its reasons'); END;

CREATE INDEX ai_run_outside_intended_use ON ai_run (series_uid) WHERE intended_use = 'OUTSIDE';
