--liquibase formatted sql

-- Owned by the board feature (issue 4): stages as editable data, the editable lost-reason list, and what the
-- board needs to open fast at a million contacts.

--changeset leadflow:007-funnel-stage-names
-- a stage's name is data in both languages (a new stage has no translation key); warn_after_days colours a card
-- that has sat in the stage longer than that
ALTER TABLE funnel_stage
    ADD COLUMN name_en VARCHAR(100) NULL,
    ADD COLUMN name_ru VARCHAR(100) NULL,
    ADD COLUMN warn_after_days INT NULL COMMENT 'NULL: never warn';
UPDATE funnel_stage SET name_en = 'Uninterested lead', name_ru = 'Незаинтересованный лид', warn_after_days = 30 WHERE code = 'UNINTERESTED';
UPDATE funnel_stage SET name_en = 'Interested lead', name_ru = 'Заинтересованный лид', warn_after_days = 21 WHERE code = 'INTERESTED';
UPDATE funnel_stage SET name_en = 'Active request', name_ru = 'Активный запрос', warn_after_days = 14 WHERE code = 'ACTIVE_REQUEST';
UPDATE funnel_stage SET name_en = 'Request sent', name_ru = 'Запрос отправлен', warn_after_days = 14 WHERE code = 'REQUEST_SENT';
UPDATE funnel_stage SET name_en = 'Agreed and invoiced', name_ru = 'Согласовано, счёт выставлен', warn_after_days = 21 WHERE code = 'AGREED_INVOICED';
UPDATE funnel_stage SET name_en = 'Payment received', name_ru = 'Оплата получена', warn_after_days = 14 WHERE code = 'PAYMENT_RECEIVED';
UPDATE funnel_stage SET name_en = 'Delivered / in service', name_ru = 'Поставлено / на обслуживании', warn_after_days = 60 WHERE code = 'DELIVERED';
UPDATE funnel_stage SET name_en = 'Won', name_ru = 'Выиграно' WHERE code = 'WON';
UPDATE funnel_stage SET name_en = 'Lost', name_ru = 'Потеряно' WHERE code = 'LOST';
ALTER TABLE funnel_stage
    MODIFY name_en VARCHAR(100) NOT NULL,
    MODIFY name_ru VARCHAR(100) NOT NULL;

--changeset leadflow:007-lost-reason
-- the reasons offered when a contact is marked lost; contact.lost_reason holds the code. Reasons in use are
-- retired (active = FALSE), never deleted, so old contacts keep a readable reason.
CREATE TABLE lost_reason (
    code           VARCHAR(20)  PRIMARY KEY,
    name_en        VARCHAR(100) NOT NULL,
    name_ru        VARCHAR(100) NOT NULL,
    position       INT          NOT NULL,
    note_required  BOOLEAN      NOT NULL DEFAULT FALSE,
    active         BOOLEAN      NOT NULL DEFAULT TRUE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO lost_reason (code, name_en, name_ru, position, note_required, active) VALUES
    ('BUDGET',      'Budget',      'Бюджет',          10, FALSE, TRUE),
    ('TIMING',      'Timing',      'Сроки',           20, FALSE, TRUE),
    ('COMPETITOR',  'Competitor',  'Конкурент',       30, FALSE, TRUE),
    ('NO_NEED',     'No need',     'Нет потребности', 40, FALSE, TRUE),
    ('NO_RESPONSE', 'No response', 'Нет ответа',      50, FALSE, TRUE),
    ('OTHER',       'Other',       'Другое',          60, TRUE,  TRUE);

--changeset leadflow:007-contact-stage-entered
-- when the contact entered its current funnel stage (days in stage on the cards, and one of the board's sorts);
-- the default covers rows inserted by plain SQL; the demo data loader sets it from the stage history
ALTER TABLE contact
    ADD COLUMN stage_entered_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    -- a board column: open contacts of one stage, best score first or longest in the stage first; the same
    -- indexes give the per-stage counts without touching the rows
    ADD INDEX ix_contact_board_score (status, funnel_stage, score),
    ADD INDEX ix_contact_board_entered (status, funnel_stage, stage_entered_at),
    ADD INDEX ix_contact_board_owner (owner_id, status, funnel_stage, score),
    ADD INDEX ix_contact_board_team (team_id, status, funnel_stage, score);
UPDATE contact SET stage_entered_at = updated_at;
