--liquibase formatted sql

-- Owned by the routing feature: routing rules, per-rep availability and round-robin state, the stored explanation
-- of every assignment, team managers, and the SLA settings. The SLA clock itself is the shared sla_clock (006).

--changeset leadflow:010-routing-settings
-- one row: routing on/off, the business time zone and hours (arrival conditions and SLA for reps without their
-- own hours), SLA targets per temperature in working minutes (cold: two 9-hour business days)
CREATE TABLE routing_settings (
    id                   INT          PRIMARY KEY,
    enabled              BOOLEAN      NOT NULL DEFAULT FALSE,
    time_zone            VARCHAR(60)  NOT NULL DEFAULT 'UTC',
    business_start       TIME         NOT NULL DEFAULT '09:00:00',
    business_end         TIME         NOT NULL DEFAULT '18:00:00',
    business_days        VARCHAR(20)  NOT NULL DEFAULT '1,2,3,4,5',
    sla_hot_minutes      INT          NOT NULL DEFAULT 15,
    sla_warm_minutes     INT          NOT NULL DEFAULT 240,
    sla_cold_minutes     INT          NOT NULL DEFAULT 1080,
    near_breach_percent  INT          NOT NULL DEFAULT 25,
    version              BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT ck_routing_settings_one CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO routing_settings (id) VALUES (1);

--changeset leadflow:010-routing-rule
-- ordered rules, first match wins; the one default rule (no conditions) is always last and cannot be deleted
CREATE TABLE routing_rule (
    id                     BIGINT AUTO_INCREMENT PRIMARY KEY,
    name                   VARCHAR(120)  NOT NULL,
    position               INT           NOT NULL,
    enabled                BOOLEAN       NOT NULL DEFAULT TRUE,
    is_default             BOOLEAN       NOT NULL DEFAULT FALSE,
    rule_json              LONGTEXT      NULL COMMENT 'NULL: any contact' CHECK (rule_json IS NULL OR JSON_VALID(rule_json)),
    arrival_days           VARCHAR(20)   NULL COMMENT 'ISO weekdays 1..7, comma separated; NULL: any day',
    arrival_from           TIME          NULL COMMENT 'arrival time window in the business time zone; may wrap midnight',
    arrival_to             TIME          NULL,
    landing_page_contains  VARCHAR(200)  NULL COMMENT 'matched against first_touch_context, ignoring case',
    target_team_id         BIGINT        NULL,
    target_user_id         BIGINT        NULL COMMENT 'a rep; both NULL: the unassigned queue',
    sla_minutes            INT           NULL COMMENT 'working minutes; NULL: by temperature',
    reroute_on_breach      BOOLEAN       NOT NULL DEFAULT FALSE,
    version                BIGINT        NOT NULL DEFAULT 0,
    updated_at             DATETIME(6)   NOT NULL,
    CONSTRAINT fk_routing_rule_team FOREIGN KEY (target_team_id) REFERENCES team (id),
    CONSTRAINT fk_routing_rule_user FOREIGN KEY (target_user_id) REFERENCES app_user (id),
    INDEX ix_routing_rule_position (position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO routing_rule (name, position, is_default, updated_at) VALUES ('Default', 1000000, TRUE, CURRENT_TIMESTAMP(6));

--changeset leadflow:010-routing-rep
-- per-rep routing settings (a rep without a row: weight 1, no capacity limit, present, no fixed hours) and the
-- smooth weighted round-robin credit, which only moves while the rep is available
CREATE TABLE routing_rep (
    user_id           BIGINT       PRIMARY KEY,
    weight            INT          NOT NULL DEFAULT 1,
    capacity          INT          NULL COMMENT 'maximum open leads; NULL: no limit',
    away              BOOLEAN      NOT NULL DEFAULT FALSE,
    work_start        TIME         NULL COMMENT 'NULL: no fixed hours (always available unless away)',
    work_end          TIME         NULL,
    work_days         VARCHAR(20)  NULL COMMENT 'ISO weekdays 1..7, comma separated',
    time_zone         VARCHAR(60)  NULL COMMENT 'NULL: the business time zone',
    rr_credit         BIGINT       NOT NULL DEFAULT 0,
    last_assigned_at  DATETIME(6)  NULL,
    version           BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_routing_rep_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT ck_routing_rep_weight CHECK (weight BETWEEN 0 AND 100),
    CONSTRAINT ck_routing_rep_capacity CHECK (capacity IS NULL OR capacity >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:010-routing-team
-- the manager a team's SLA breaches escalate to (ADMIN edits it in the routing view)
CREATE TABLE routing_team (
    team_id          BIGINT  PRIMARY KEY,
    manager_user_id  BIGINT  NULL,
    CONSTRAINT fk_routing_team_team FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE CASCADE,
    CONSTRAINT fk_routing_team_manager FOREIGN KEY (manager_user_id) REFERENCES app_user (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:010-routing-assignment
-- every routing decision with its explanation (translation keys and parameters, shown in the reader's language):
-- the profile shows the latest, the fairness view counts them, the queue lists the latest QUEUED ones
CREATE TABLE routing_assignment (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    contact_id          BIGINT        NOT NULL,
    decided_at          DATETIME(6)   NOT NULL,
    cause               VARCHAR(20)   NOT NULL COMMENT 'CREATED, REENTRY, ROUTE_AGAIN, MANUAL, QUEUE_RETRY, SLA_BREACH',
    outcome             VARCHAR(10)   NOT NULL COMMENT 'ASSIGNED or QUEUED',
    rule_id             BIGINT        NULL,
    rule_name           VARCHAR(120)  NULL,
    team_id             BIGINT        NULL,
    owner_id            BIGINT        NULL,
    previous_owner_id   BIGINT        NULL,
    explanation_json    LONGTEXT      NOT NULL CHECK (JSON_VALID(explanation_json)),
    reason              VARCHAR(500)  NULL COMMENT 'manual reassignment reason',
    decided_by_user_id  BIGINT        NULL COMMENT 'NULL: the system',
    latest              BOOLEAN       NOT NULL DEFAULT TRUE COMMENT 'the contact''s current decision',
    CONSTRAINT fk_routing_assignment_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    CONSTRAINT fk_routing_assignment_rule FOREIGN KEY (rule_id) REFERENCES routing_rule (id) ON DELETE SET NULL,
    INDEX ix_routing_assignment_contact (contact_id, decided_at),
    INDEX ix_routing_assignment_owner (owner_id, decided_at),
    INDEX ix_routing_assignment_queue (latest, outcome, decided_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:010-sla-clock-columns
-- the near-breach warning is sent once; a clock ends without contact when the lead is reassigned or closed
ALTER TABLE sla_clock
    ADD COLUMN warned_at DATETIME(6) NULL COMMENT 'near-breach warning sent to the owner',
    ADD COLUMN cancelled_at DATETIME(6) NULL COMMENT 'ended without a contact: reassigned, routed again or closed',
    ADD COLUMN rule_id BIGINT NULL COMMENT 'the routing rule whose target applied',
    ADD INDEX ix_sla_clock_running (cancelled_at, stopped_at, due_at);

--changeset leadflow:010-routing-assignment-sla
-- the SLA target an assignment set, so owners and clocks are written from the decisions in one statement each
ALTER TABLE routing_assignment
    ADD COLUMN sla_due_at DATETIME(6) NULL COMMENT 'due time of the speed-to-lead clock this assignment started',
    ADD COLUMN sla_minutes INT NULL COMMENT 'its target in working minutes';
