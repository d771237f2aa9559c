--liquibase formatted sql

-- Owned by: rules engine and lifecycle (issue 3). Append changesets here.

--changeset leadflow:013-lifecycle-stage-names
-- marketing's own names for a stage (both languages or neither; NULL shows the built-in name) and what it means
ALTER TABLE lifecycle_stage_definition
    ADD COLUMN IF NOT EXISTS name_en     VARCHAR(60)   NULL,
    ADD COLUMN IF NOT EXISTS name_ru     VARCHAR(60)   NULL,
    ADD COLUMN IF NOT EXISTS description VARCHAR(1000) NULL;

--changeset leadflow:013-contact-rule-fields-index
-- the fields marketing combines most in segment and preview rules (lifecycle stage, status, country): a rule on
-- them reads this narrow index instead of scanning every contact row (the live preview target is 500 ms at 1M)
CREATE INDEX IF NOT EXISTS ix_contact_rule_fields ON contact (lifecycle_stage, status, country);
