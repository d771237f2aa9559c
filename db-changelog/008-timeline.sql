--liquibase formatted sql

-- Owned by the timeline feature: people's entries (pin, edit, delete trace), the activity feed, API keys and
-- ingestion, CSV imports.

--changeset leadflow:008-activity-people-and-api
ALTER TABLE activity
    ADD COLUMN pinned           BOOLEAN      NOT NULL DEFAULT FALSE COMMENT 'a pinned note stays on top of the timeline',
    ADD COLUMN edited_at        DATETIME(6)  NULL COMMENT 'the author edited the note (within the edit window)',
    ADD COLUMN deleted_at       DATETIME(6)  NULL COMMENT 'hidden from everyone but ADMIN; never removed',
    ADD COLUMN deleted_by       BIGINT       NULL,
    ADD COLUMN api_key_id       BIGINT       NULL COMMENT 'written through the ingestion API with this key',
    ADD COLUMN external_id      VARCHAR(100) NULL COMMENT 'the sender''s event id: a retried event is not stored twice',
    ADD CONSTRAINT uq_activity_external UNIQUE (api_key_id, external_id),
    -- the activity feed: newest first across all contacts, and one author's entries
    ADD INDEX ix_activity_time (occurred_at, id),
    ADD INDEX ix_activity_author (author_user_id, occurred_at);

--changeset leadflow:008-api-key
CREATE TABLE api_key (
    id                     BIGINT AUTO_INCREMENT PRIMARY KEY,
    name                   VARCHAR(120) NOT NULL,
    key_prefix             VARCHAR(16)  NOT NULL COMMENT 'first characters of the key, to recognise it in the list',
    secret_hash            CHAR(64)     NOT NULL COMMENT 'SHA-256 (hex) of the whole key; the key itself is never stored',
    scopes                 VARCHAR(100) NOT NULL COMMENT 'comma-separated ApiScope names',
    requests_per_minute    INT          NOT NULL,
    created_at             DATETIME(6)  NOT NULL,
    created_by             BIGINT       NULL,
    revoked_at             DATETIME(6)  NULL,
    revoked_by             BIGINT       NULL,
    last_used_at           DATETIME(6)  NULL,
    CONSTRAINT uq_api_key_hash UNIQUE (secret_hash),
    CONSTRAINT fk_api_key_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
    CONSTRAINT fk_api_key_revoked_by FOREIGN KEY (revoked_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:008-api-idempotency
-- the answer to a request sent with an Idempotency-Key header: a retry gets the same answer and writes nothing
CREATE TABLE api_idempotency (
    api_key_id       BIGINT       NOT NULL,
    idempotency_key  VARCHAR(120) NOT NULL,
    request_path     VARCHAR(200) NOT NULL,
    status           INT          NOT NULL,
    response_body    LONGTEXT     NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key),
    INDEX ix_api_idempotency_created (created_at),
    CONSTRAINT fk_api_idempotency_key FOREIGN KEY (api_key_id) REFERENCES api_key (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:008-import-job
CREATE TABLE import_job (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    file_name       VARCHAR(255) NOT NULL,
    duplicate_mode  VARCHAR(20)  NOT NULL,
    status          VARCHAR(20)  NOT NULL COMMENT 'RUNNING, DONE, FAILED',
    total_rows      INT          NOT NULL DEFAULT 0,
    processed_rows  INT          NOT NULL DEFAULT 0,
    created_count   INT          NOT NULL DEFAULT 0,
    updated_count   INT          NOT NULL DEFAULT 0,
    skipped_count   INT          NOT NULL DEFAULT 0,
    rejected_count  INT          NOT NULL DEFAULT 0,
    failure         VARCHAR(1000) NULL,
    created_by      BIGINT       NULL,
    started_at      DATETIME(6)  NOT NULL,
    finished_at     DATETIME(6)  NULL,
    INDEX ix_import_job_started (started_at),
    CONSTRAINT fk_import_job_user FOREIGN KEY (created_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:008-import-rejection
CREATE TABLE import_rejection (
    job_id       BIGINT        NOT NULL,
    line_number  INT           NOT NULL,
    reason       VARCHAR(500)  NOT NULL,
    raw_line     VARCHAR(2000) NULL,
    PRIMARY KEY (job_id, line_number),
    CONSTRAINT fk_import_rejection_job FOREIGN KEY (job_id) REFERENCES import_job (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
