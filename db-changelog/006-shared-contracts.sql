--liquibase formatted sql

-- Tables and columns that several features read and one feature writes (see docs/decisions/008).

--changeset leadflow:006-funnel-stage-history
-- every funnel move (board drag, "Move to…", profile edit, lost, won, reopen): written by the funnel feature,
-- read by the board (days in stage) and the dashboard (conversion, time in stage)
CREATE TABLE funnel_stage_history (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    contact_id          BIGINT        NOT NULL,
    from_stage          VARCHAR(40)   NULL COMMENT 'NULL: the contact was created in to_stage',
    to_stage            VARCHAR(40)   NOT NULL,
    changed_at          DATETIME(6)   NOT NULL,
    changed_by_user_id  BIGINT        NULL COMMENT 'NULL: the system or an API key',
    reason              VARCHAR(40)   NULL COMMENT 'lost reason or reopen reason code',
    note                VARCHAR(1000) NULL,
    CONSTRAINT fk_funnel_history_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    CONSTRAINT fk_funnel_history_from FOREIGN KEY (from_stage) REFERENCES funnel_stage (code),
    CONSTRAINT fk_funnel_history_to FOREIGN KEY (to_stage) REFERENCES funnel_stage (code),
    CONSTRAINT fk_funnel_history_user FOREIGN KEY (changed_by_user_id) REFERENCES app_user (id),
    INDEX ix_funnel_history_contact (contact_id, changed_at),
    INDEX ix_funnel_history_to (to_stage, changed_at),
    INDEX ix_funnel_history_when (changed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:006-contact-next-touch-and-sla
-- denormalised for the board's cards: the cadence feature keeps next_touch_at, the routing feature sla_due_at
ALTER TABLE contact
    ADD COLUMN next_touch_at DATETIME(6) NULL COMMENT 'next planned touch of any cadence; NULL: none planned',
    ADD COLUMN sla_due_at DATETIME(6) NULL COMMENT 'open speed-to-lead clock runs out; NULL: no clock running';

--changeset leadflow:006-sla-clock
-- one speed-to-lead clock per assignment: written by routing, read by the board, the profile and the dashboard
CREATE TABLE sla_clock (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    contact_id         BIGINT       NOT NULL,
    owner_id           BIGINT       NULL,
    team_id            BIGINT       NULL,
    started_at         DATETIME(6)  NOT NULL COMMENT 'assignment',
    due_at             DATETIME(6)  NOT NULL COMMENT 'target, working hours applied',
    target_minutes     INT          NOT NULL,
    stopped_at         DATETIME(6)  NULL COMMENT 'first logged contact by a person; NULL: still running',
    stop_activity_id   BIGINT       NULL,
    breached_at        DATETIME(6)  NULL COMMENT 'when the clock ran out unanswered',
    CONSTRAINT fk_sla_clock_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    CONSTRAINT fk_sla_clock_owner FOREIGN KEY (owner_id) REFERENCES app_user (id),
    CONSTRAINT fk_sla_clock_team FOREIGN KEY (team_id) REFERENCES team (id),
    INDEX ix_sla_clock_contact (contact_id, started_at),
    INDEX ix_sla_clock_open (stopped_at, due_at),
    INDEX ix_sla_clock_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:006-notification
-- a message for one user (an @mention, an SLA warning, a task): text is a translation key with parameters,
-- so it is shown in the recipient's language
CREATE TABLE notification (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id      BIGINT        NOT NULL,
    contact_id   BIGINT        NULL,
    kind         VARCHAR(40)   NOT NULL,
    message_key  VARCHAR(120)  NOT NULL,
    params_json  LONGTEXT      NOT NULL CHECK (JSON_VALID(params_json)),
    created_at   DATETIME(6)   NOT NULL,
    read_at      DATETIME(6)   NULL,
    CONSTRAINT fk_notification_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_notification_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    INDEX ix_notification_user (user_id, read_at, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
