--liquibase formatted sql

--changeset leadflow:005-lifecycle-stage-definition
-- one row per code of the LifecycleStage enum: its place in the order, its entry rule, whether automation uses it
CREATE TABLE lifecycle_stage_definition (
    code             VARCHAR(20)  PRIMARY KEY,
    position         INT          NOT NULL,
    entry_rule_json  LONGTEXT     NULL CHECK (entry_rule_json IS NULL OR JSON_VALID(entry_rule_json)),
    enabled          BOOLEAN      NOT NULL DEFAULT TRUE,
    version          BIGINT       NOT NULL DEFAULT 0,
    updated_at       DATETIME(6)  NOT NULL,
    updated_by       BIGINT       NULL,
    CONSTRAINT uq_lifecycle_stage_position UNIQUE (position),
    CONSTRAINT fk_lifecycle_stage_updated_by FOREIGN KEY (updated_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:005-lifecycle-stage-history
-- every stage move: by a rule (moved_by_user_id NULL, cause RULE) or by a person moving back (cause MANUAL, reason)
CREATE TABLE lifecycle_stage_history (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    contact_id        BIGINT        NOT NULL,
    from_stage        VARCHAR(20)   NULL,
    to_stage          VARCHAR(20)   NOT NULL,
    moved_at          DATETIME(6)   NOT NULL,
    moved_by_user_id  BIGINT        NULL,
    cause             VARCHAR(20)   NOT NULL,
    reason            VARCHAR(1000) NULL,
    INDEX ix_lifecycle_history_contact (contact_id, moved_at),
    INDEX ix_lifecycle_history_to (to_stage, moved_at),
    CONSTRAINT fk_lifecycle_history_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    CONSTRAINT fk_lifecycle_history_user FOREIGN KEY (moved_by_user_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:005-lifecycle-hold
-- a person moved the contact back: rules do not move it forward again until it shows newer engagement
CREATE TABLE lifecycle_hold (
    contact_id  BIGINT       PRIMARY KEY,
    held_at     DATETIME(6)  NOT NULL,
    held_by     BIGINT       NULL,
    CONSTRAINT fk_lifecycle_hold_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    CONSTRAINT fk_lifecycle_hold_user FOREIGN KEY (held_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
