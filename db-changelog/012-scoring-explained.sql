--liquibase formatted sql

--changeset leadflow:012-contact-scored-at
-- the instant a contact's stored score was computed by a live re-score; the explanation recomputes the breakdown
-- for it (no row: the model's last full refresh). Replaces the stored per-rule breakdown, which made every full
-- refresh write 2.6 M rows at a million contacts.
CREATE TABLE contact_scored_at (
    contact_id  BIGINT       PRIMARY KEY,
    scored_at   DATETIME(6)  NOT NULL,
    CONSTRAINT fk_contact_scored_at_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:012-drop-score-breakdown
DROP TABLE contact_score_part_next;
DROP TABLE contact_score_part;
