--liquibase formatted sql

--changeset leadflow:004-scoring-model
-- at most one published model and one draft; the draft becomes the published model when it is published
CREATE TABLE scoring_model (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    status            VARCHAR(10) NOT NULL,
    warm_threshold    INT         NOT NULL,
    hot_threshold     INT         NOT NULL,
    mql_threshold     INT         NOT NULL,
    half_life_days    INT         NOT NULL,
    fit_cap           INT         NULL,
    engagement_cap    INT         NULL,
    published_at      DATETIME(6) NULL,
    published_by      BIGINT      NULL,
    refreshed_at      DATETIME(6) NULL,
    version           BIGINT      NOT NULL DEFAULT 0,
    created_at        DATETIME(6) NOT NULL,
    updated_at        DATETIME(6) NOT NULL,
    CONSTRAINT uq_scoring_model_status UNIQUE (status),
    CONSTRAINT fk_scoring_model_published_by FOREIGN KEY (published_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:004-scoring-rule
CREATE TABLE scoring_rule (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    model_id    BIGINT       NOT NULL,
    position    INT          NOT NULL,
    rule_group  VARCHAR(12)  NOT NULL,
    name        VARCHAR(120) NOT NULL,
    points      INT          NOT NULL,
    rule_json   LONGTEXT     NOT NULL CHECK (JSON_VALID(rule_json)),
    INDEX ix_scoring_rule_model (model_id, position),
    CONSTRAINT fk_scoring_rule_model FOREIGN KEY (model_id) REFERENCES scoring_model (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:004-contact-score-part
-- what each score is made of: one row per (contact, matching rule of the published model), points after decay.
-- A full refresh fills the twin table and swaps the two with one atomic RENAME, so no foreign keys here: rows of
-- deleted contacts are removed by the live scorer and by the next full refresh.
CREATE TABLE contact_score_part (
    contact_id  BIGINT NOT NULL,
    rule_id     BIGINT NOT NULL,
    points      INT    NOT NULL,
    PRIMARY KEY (contact_id, rule_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE TABLE contact_score_part_next (
    contact_id  BIGINT NOT NULL,
    rule_id     BIGINT NOT NULL,
    points      INT    NOT NULL,
    PRIMARY KEY (contact_id, rule_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:004-contact-score-mark
-- the score and temperature last written to the timeline, so small moves are coalesced until they add up
CREATE TABLE contact_score_mark (
    contact_id   BIGINT      NOT NULL PRIMARY KEY,
    score        INT         NOT NULL,
    temperature  VARCHAR(10) NOT NULL,
    marked_at    DATETIME(6) NOT NULL,
    CONSTRAINT fk_contact_score_mark_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
