--liquibase formatted sql

--changeset leadflow:003-shedlock
-- ShedLock: a scheduled job runs on one node at a time across the cluster
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMP(3) NOT NULL,
    locked_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    locked_by   VARCHAR(255) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:003-job-run
-- when a periodic job last completed, so the next run looks only at what changed since (downtime included)
CREATE TABLE job_run (
    name         VARCHAR(64) NOT NULL PRIMARY KEY,
    last_run_at  DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:003-contact-first-touch-index
CREATE INDEX ix_contact_first_touch_at ON contact (first_touch_at);
