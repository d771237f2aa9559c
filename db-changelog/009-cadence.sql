--liquibase formatted sql

-- Owned by the cadence feature: email templates, cadences and their steps, enrolments, scheduled touches,
-- the email outbox (send log) and the messaging settings.

--changeset leadflow:009-messaging-settings
-- one row: where mail goes (NULL host: captured in the send log only, for demo mode), the frequency cap, and
-- the secret that signs unsubscribe links
CREATE TABLE messaging_settings (
    id                  INT          NOT NULL PRIMARY KEY,
    smtp_host           VARCHAR(200) NULL,
    smtp_port           INT          NULL,
    smtp_username       VARCHAR(200) NULL,
    smtp_password       VARCHAR(200) NULL,
    smtp_starttls       BOOLEAN      NOT NULL DEFAULT FALSE,
    from_address        VARCHAR(254) NOT NULL,
    from_name           VARCHAR(120) NOT NULL,
    frequency_cap_days  INT          NOT NULL DEFAULT 7,
    token_secret        VARCHAR(100) NOT NULL,
    version             BIGINT       NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO messaging_settings (id, from_address, from_name, token_secret)
VALUES (1, 'hello@leadflow.example', 'Leadflow', REPLACE(CONCAT(UUID(), UUID()), '-', ''));

--changeset leadflow:009-user-signature
ALTER TABLE app_user ADD COLUMN email_signature VARCHAR(1000) NULL COMMENT 'the {{owner_signature}} placeholder; NULL: name and email';

--changeset leadflow:009-email-template
-- subject, HTML body and plain-text alternative in English and (optionally) Russian; the contact's language picks
CREATE TABLE email_template (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    system_key  VARCHAR(40)  NULL,
    name        VARCHAR(120) NOT NULL,
    subject_en  VARCHAR(300) NOT NULL,
    html_en     LONGTEXT     NOT NULL,
    text_en     LONGTEXT     NOT NULL,
    subject_ru  VARCHAR(300) NULL,
    html_ru     LONGTEXT     NULL,
    text_ru     LONGTEXT     NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    CONSTRAINT uq_email_template_key UNIQUE (system_key),
    CONSTRAINT uq_email_template_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:009-cadence
CREATE TABLE cadence (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    system_key   VARCHAR(40)   NULL,
    name         VARCHAR(120)  NOT NULL,
    description  VARCHAR(1000) NULL,
    segment_id   BIGINT        NOT NULL,
    priority     INT           NOT NULL DEFAULT 50 COMMENT '1 wins over 2 when the frequency cap makes two emails collide',
    active       BOOLEAN       NOT NULL DEFAULT TRUE,
    version      BIGINT        NOT NULL DEFAULT 0,
    created_at   DATETIME(6)   NOT NULL,
    updated_at   DATETIME(6)   NOT NULL,
    CONSTRAINT uq_cadence_key UNIQUE (system_key),
    CONSTRAINT uq_cadence_name UNIQUE (name),
    CONSTRAINT fk_cadence_segment FOREIGN KEY (segment_id) REFERENCES segment (id),
    INDEX ix_cadence_segment (segment_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:009-cadence-step
CREATE TABLE cadence_step (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    cadence_id     BIGINT      NOT NULL,
    position       INT         NOT NULL,
    kind           VARCHAR(10) NOT NULL COMMENT 'EMAIL (automated, a template) or TASK (manual, for the owner)',
    task_type      VARCHAR(20) NULL COMMENT 'CALL, MEETING, REVIEW for tasks',
    template_id    BIGINT      NULL,
    delay_amount   INT         NOT NULL,
    delay_unit     VARCHAR(10) NOT NULL,
    repeat_amount  INT         NULL COMMENT 'NULL: once',
    repeat_unit    VARCHAR(10) NULL,
    max_touches    INT         NULL COMMENT 'NULL: until the contact leaves',
    CONSTRAINT fk_cadence_step_cadence FOREIGN KEY (cadence_id) REFERENCES cadence (id) ON DELETE CASCADE,
    CONSTRAINT fk_cadence_step_template FOREIGN KEY (template_id) REFERENCES email_template (id),
    INDEX ix_cadence_step_cadence (cadence_id, position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:009-cadence-enrolment
-- one row per stay in a cadence; at most one open (ended_at NULL) per cadence and contact
CREATE TABLE cadence_enrolment (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    cadence_id          BIGINT      NOT NULL,
    contact_id          BIGINT      NOT NULL,
    segment_entered_at  DATETIME(6) NOT NULL COMMENT 'the segment entry that enrolled: a new entry may enrol again',
    enrolled_at         DATETIME(6) NOT NULL,
    ended_at            DATETIME(6) NULL,
    end_reason          VARCHAR(30) NULL,
    open_flag           TINYINT AS (IF(ended_at IS NULL, 1, NULL)) PERSISTENT,
    CONSTRAINT uq_cadence_enrolment_open UNIQUE (cadence_id, contact_id, open_flag),
    CONSTRAINT fk_enrolment_cadence FOREIGN KEY (cadence_id) REFERENCES cadence (id) ON DELETE CASCADE,
    CONSTRAINT fk_enrolment_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    INDEX ix_enrolment_contact (contact_id, ended_at),
    INDEX ix_enrolment_cadence_entry (cadence_id, contact_id, segment_entered_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:009-scheduled-touch
-- the materialised plan: one open touch per enrolment and step at a time; the next occurrence is planned when
-- one is done, skipped or failed
CREATE TABLE scheduled_touch (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    enrolment_id        BIGINT       NOT NULL,
    cadence_id          BIGINT       NOT NULL,
    step_id             BIGINT       NOT NULL,
    contact_id          BIGINT       NOT NULL,
    occurrence          INT          NOT NULL,
    kind                VARCHAR(10)  NOT NULL,
    channel             VARCHAR(20)  NOT NULL,
    due_at              DATETIME(6)  NOT NULL,
    owner_id            BIGINT       NULL COMMENT 'the contact owner when planned: assignee of a manual task',
    team_id             BIGINT       NULL,
    status              VARCHAR(10)  NOT NULL COMMENT 'PLANNED, DUE, DONE, SKIPPED, FAILED, CANCELLED',
    status_reason       VARCHAR(40)  NULL,
    note                VARCHAR(1000) NULL COMMENT 'skip reason or task outcome in the user''s words',
    collided_with_id    BIGINT       NULL COMMENT 'frequency cap: the touch that won',
    successor_planned   BOOLEAN      NOT NULL DEFAULT FALSE,
    completed_at        DATETIME(6)  NULL,
    completed_by        BIGINT       NULL,
    version             BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_touch_occurrence UNIQUE (enrolment_id, step_id, occurrence),
    CONSTRAINT fk_touch_enrolment FOREIGN KEY (enrolment_id) REFERENCES cadence_enrolment (id) ON DELETE CASCADE,
    CONSTRAINT fk_touch_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    INDEX ix_touch_due (status, due_at),
    INDEX ix_touch_day (due_at, kind),
    INDEX ix_touch_team_day (team_id, due_at, kind),
    INDEX ix_touch_owner_day (owner_id, due_at, kind),
    INDEX ix_touch_contact (contact_id, status, due_at),
    INDEX ix_touch_successor (successor_planned, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:009-email-outbox
-- the transactional outbox and send log: a row is written with the touch that wants it; the sender delivers it
-- once (idempotency key, claimed with a lease), retrying with backoff
CREATE TABLE email_outbox (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    idempotency_key   VARCHAR(80)   NOT NULL,
    touch_id          BIGINT        NULL,
    contact_id        BIGINT        NOT NULL,
    template_id       BIGINT        NOT NULL,
    status            VARCHAR(10)   NOT NULL COMMENT 'PENDING, SENDING, SENT, FAILED, SUPPRESSED',
    attempts          INT           NOT NULL DEFAULT 0,
    next_attempt_at   DATETIME(6)   NOT NULL,
    lease_until       DATETIME(6)   NULL,
    created_at        DATETIME(6)   NOT NULL,
    sent_at           DATETIME(6)   NULL,
    to_address        VARCHAR(254)  NULL,
    subject           VARCHAR(300)  NULL,
    html_body         LONGTEXT      NULL,
    text_body         LONGTEXT      NULL,
    transport         VARCHAR(20)   NULL COMMENT 'SMTP or CAPTURED (demo: kept in the send log only)',
    last_error        VARCHAR(1000) NULL,
    CONSTRAINT uq_outbox_key UNIQUE (idempotency_key),
    CONSTRAINT fk_outbox_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    INDEX ix_outbox_work (status, next_attempt_at),
    INDEX ix_outbox_contact_sent (contact_id, sent_at),
    INDEX ix_outbox_sent (sent_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:009-email-suppression
-- why a contact was set to do-not-contact by the mail system itself (an unsubscribe link or a bounce)
CREATE TABLE email_suppression (
    contact_id  BIGINT        NOT NULL PRIMARY KEY,
    reason      VARCHAR(20)   NOT NULL COMMENT 'UNSUBSCRIBED or BOUNCED',
    detail      VARCHAR(500)  NULL,
    created_at  DATETIME(6)   NOT NULL,
    CONSTRAINT fk_suppression_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    INDEX ix_suppression_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:009-outbox-claim
ALTER TABLE email_outbox ADD COLUMN claim_token VARCHAR(40) NULL COMMENT 'which sender run holds the lease', ADD INDEX ix_outbox_claim (claim_token);

--changeset leadflow:009-touch-covering-indexes
-- the calendar counts a month of touches per day: with the status in the index the count reads the index only
DROP INDEX ix_touch_team_day ON scheduled_touch;
DROP INDEX ix_touch_owner_day ON scheduled_touch;
DROP INDEX ix_touch_day ON scheduled_touch;
CREATE INDEX ix_touch_team_day ON scheduled_touch (team_id, due_at, kind, status);
CREATE INDEX ix_touch_owner_day ON scheduled_touch (owner_id, due_at, kind, status);
CREATE INDEX ix_touch_day ON scheduled_touch (due_at, kind, status);

--changeset leadflow:009-outbox-touch-index
-- "has this touch a message yet?" is asked for every due email touch: without this index each asks the whole outbox
CREATE INDEX ix_outbox_touch ON email_outbox (touch_id);
