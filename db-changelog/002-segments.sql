--liquibase formatted sql

--changeset leadflow:002-segment
CREATE TABLE segment (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    system_key         VARCHAR(40)   NULL,
    name               VARCHAR(120)  NOT NULL,
    description        VARCHAR(1000) NULL,
    rule_json          LONGTEXT      NOT NULL CHECK (JSON_VALID(rule_json)),
    no_correspondence  BOOLEAN       NOT NULL DEFAULT FALSE,
    owner_id           BIGINT        NULL,
    member_count       INT           NOT NULL DEFAULT 0,
    refreshed_at       DATETIME(6)   NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    created_at         DATETIME(6)   NOT NULL,
    updated_at         DATETIME(6)   NOT NULL,
    -- the four nurture segments created on first start; editable, but found again by this key
    CONSTRAINT uq_segment_system_key UNIQUE (system_key),
    CONSTRAINT uq_segment_name UNIQUE (name),
    CONSTRAINT fk_segment_owner FOREIGN KEY (owner_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:002-segment-member
-- current members only: one row per (segment, contact) while the contact is in the segment
CREATE TABLE segment_member (
    segment_id  BIGINT      NOT NULL,
    contact_id  BIGINT      NOT NULL,
    entered_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (segment_id, contact_id),
    INDEX ix_segment_member_contact (contact_id),
    CONSTRAINT fk_segment_member_segment FOREIGN KEY (segment_id) REFERENCES segment (id) ON DELETE CASCADE,
    CONSTRAINT fk_segment_member_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:002-segment-membership-history
-- every entry and exit, with why: which rule change or contact change caused it
CREATE TABLE segment_membership_history (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    segment_id    BIGINT       NOT NULL,
    contact_id    BIGINT       NOT NULL,
    entered_at    DATETIME(6)  NOT NULL,
    exited_at     DATETIME(6)  NULL,
    entry_reason  VARCHAR(200) NOT NULL,
    exit_reason   VARCHAR(200) NULL,
    INDEX ix_segment_history_segment (segment_id, entered_at),
    INDEX ix_segment_history_contact (contact_id, entered_at),
    INDEX ix_segment_history_open (segment_id, contact_id, exited_at),
    CONSTRAINT fk_segment_history_segment FOREIGN KEY (segment_id) REFERENCES segment (id) ON DELETE CASCADE,
    CONSTRAINT fk_segment_history_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
