--liquibase formatted sql

-- Owned by: rules engine and lifecycle (issue 3). Append changesets here.

--changeset leadflow:013-lifecycle-stage-names
-- marketing's own names for a stage (both languages or neither; NULL shows the built-in name) and what it means
ALTER TABLE lifecycle_stage_definition
    ADD COLUMN IF NOT EXISTS name_en     VARCHAR(60)   NULL,
    ADD COLUMN IF NOT EXISTS name_ru     VARCHAR(60)   NULL,
    ADD COLUMN IF NOT EXISTS description VARCHAR(1000) NULL;
