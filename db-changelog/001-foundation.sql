--liquibase formatted sql

--changeset leadflow:001-team
CREATE TABLE team (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_team_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:001-app-user
CREATE TABLE app_user (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    username       VARCHAR(60)  NOT NULL,
    display_name   VARCHAR(120) NOT NULL,
    email          VARCHAR(254) NULL,
    password_hash  VARCHAR(200) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    team_id        BIGINT       NULL,
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    locale         VARCHAR(10)  NULL,
    version        BIGINT       NOT NULL DEFAULT 0,
    created_at     DATETIME(6)  NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    CONSTRAINT uq_app_user_username UNIQUE (username),
    CONSTRAINT fk_app_user_team FOREIGN KEY (team_id) REFERENCES team (id),
    INDEX ix_app_user_team (team_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:001-funnel-stage
CREATE TABLE funnel_stage (
    code             VARCHAR(40) PRIMARY KEY,
    position         INT         NOT NULL,
    terminal         BOOLEAN     NOT NULL DEFAULT FALSE,
    win_probability  INT         NULL,
    color            VARCHAR(20) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO funnel_stage (code, position, terminal, win_probability, color) VALUES
    ('UNINTERESTED',     10, FALSE, 2,    '#8a94a6'),
    ('INTERESTED',       20, FALSE, 5,    '#5b8def'),
    ('ACTIVE_REQUEST',   30, FALSE, 15,   '#3aa0c8'),
    ('REQUEST_SENT',     40, FALSE, 30,   '#2bb39a'),
    ('AGREED_INVOICED',  50, FALSE, 70,   '#5cb85c'),
    ('PAYMENT_RECEIVED', 60, FALSE, 95,   '#8bc34a'),
    ('DELIVERED',        70, FALSE, 100,  '#4caf50'),
    ('WON',              80, TRUE,  100,  '#2e7d32'),
    ('LOST',             90, TRUE,  0,    '#c62828');

--changeset leadflow:001-contact
CREATE TABLE contact (
    id                     BIGINT AUTO_INCREMENT PRIMARY KEY,
    first_name             VARCHAR(100)  NOT NULL,
    last_name              VARCHAR(100)  NOT NULL,
    email                  VARCHAR(254)  NULL,
    phone                  VARCHAR(40)   NULL,
    company                VARCHAR(200)  NULL,
    job_title              VARCHAR(120)  NULL,
    country                CHAR(2)       NULL,
    city                   VARCHAR(100)  NULL,
    product_interest       VARCHAR(100)  NULL,
    preferred_channel      VARCHAR(20)   NOT NULL DEFAULT 'EMAIL',
    first_touch_source     VARCHAR(30)   NULL,
    first_touch_at         DATETIME(6)   NULL,
    first_touch_campaign   VARCHAR(150)  NULL,
    first_touch_context    VARCHAR(1000) NULL,
    owner_id               BIGINT        NULL,
    team_id                BIGINT        NULL,
    lifecycle_stage        VARCHAR(20)   NOT NULL DEFAULT 'SUBSCRIBER',
    funnel_stage           VARCHAR(40)   NOT NULL DEFAULT 'UNINTERESTED',
    status                 VARCHAR(20)   NOT NULL DEFAULT 'OPEN',
    lost_reason            VARCHAR(20)   NULL,
    lost_note              VARCHAR(1000) NULL,
    do_not_contact         BOOLEAN       NOT NULL DEFAULT FALSE,
    do_not_contact_reason  VARCHAR(500)  NULL,
    do_not_contact_at      DATETIME(6)   NULL,
    score                  INT           NOT NULL DEFAULT 0,
    temperature            VARCHAR(10)   NOT NULL DEFAULT 'COLD',
    created_at             DATETIME(6)   NOT NULL,
    updated_at             DATETIME(6)   NOT NULL,
    last_activity_at       DATETIME(6)   NULL,
    version                BIGINT        NOT NULL DEFAULT 0,
    -- the unicode_ci collation makes this unique index case-insensitive; NULLs may repeat
    CONSTRAINT uq_contact_email UNIQUE (email),
    CONSTRAINT fk_contact_owner FOREIGN KEY (owner_id) REFERENCES app_user (id),
    CONSTRAINT fk_contact_team FOREIGN KEY (team_id) REFERENCES team (id),
    CONSTRAINT fk_contact_funnel_stage FOREIGN KEY (funnel_stage) REFERENCES funnel_stage (code),
    -- one index per filter, ending in the default sort so a filtered first page needs no filesort
    INDEX ix_contact_last_activity (last_activity_at, id),
    INDEX ix_contact_owner_stage (owner_id, funnel_stage, last_activity_at),
    INDEX ix_contact_team_stage (team_id, funnel_stage, last_activity_at),
    INDEX ix_contact_lifecycle (lifecycle_stage, last_activity_at),
    INDEX ix_contact_funnel (funnel_stage, last_activity_at),
    INDEX ix_contact_status (status, last_activity_at),
    INDEX ix_contact_source (first_touch_source, last_activity_at),
    INDEX ix_contact_channel (preferred_channel, last_activity_at),
    INDEX ix_contact_last_name (last_name, first_name),
    INDEX ix_contact_first_name (first_name),
    INDEX ix_contact_company (company),
    INDEX ix_contact_score (score),
    INDEX ix_contact_created (created_at),
    INDEX ix_contact_updated (updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:001-activity
CREATE TABLE activity (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    contact_id      BIGINT       NOT NULL,
    type            VARCHAR(30)  NOT NULL,
    occurred_at     DATETIME(6)  NOT NULL,
    author_kind     VARCHAR(10)  NOT NULL,
    author_user_id  BIGINT       NULL,
    author_label    VARCHAR(120) NULL,
    summary         VARCHAR(500) NULL,
    payload         LONGTEXT     NULL CHECK (payload IS NULL OR JSON_VALID(payload)),
    created_at      DATETIME(6)  NOT NULL,
    CONSTRAINT fk_activity_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    -- per-contact timeline in time order
    INDEX ix_activity_contact_time (contact_id, occurred_at),
    -- behaviour counts per type in a time window (rules engine)
    INDEX ix_activity_type_time (type, occurred_at, contact_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:001-audit-log
CREATE TABLE audit_log (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    occurred_at    DATETIME(6)  NOT NULL,
    actor_user_id  BIGINT       NULL,
    actor_name     VARCHAR(120) NOT NULL,
    entity_type    VARCHAR(40)  NOT NULL,
    entity_id      BIGINT       NOT NULL,
    action         VARCHAR(20)  NOT NULL,
    changes        LONGTEXT     NULL CHECK (changes IS NULL OR JSON_VALID(changes)),
    INDEX ix_audit_entity (entity_type, entity_id, occurred_at),
    INDEX ix_audit_time (occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
