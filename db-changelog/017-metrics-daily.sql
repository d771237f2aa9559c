--liquibase formatted sql

-- Owned by: dashboard pre-aggregation (issue 8). Append changesets here.
-- The dashboard's summary (see docs/decisions/016): per-hour entry counts, one row per finished stay and per loss,
-- campaign figures, and the days that changed since the last refresh (marked by triggers in the writers'
-- transactions, so nothing committed is missed).

--changeset leadflow:017-metrics-hourly-entry
-- entries per UTC hour: N new contacts, F funnel stage entries, L lifecycle stage entries. prev_hour is the hour of
-- the same contact's previous entry into the same stage (NULL: the first), so "distinct contacts entering X in a
-- period" is the sum of the rows whose prev_hour lies before the period. Source and campaign are kept for the
-- closing stages only (win rates by source and channel), so the table stays small.
CREATE TABLE metrics_hourly_entry (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    hour       DATETIME      NOT NULL,
    measure    CHAR(1)       NOT NULL,
    stage      VARCHAR(40)   NOT NULL COMMENT 'the stage entered; empty for N',
    team_id    BIGINT        NOT NULL COMMENT 'the contact''s team now; 0: none',
    source     VARCHAR(30)   NOT NULL COMMENT 'first-touch source (closing stages only; else empty)',
    campaign   VARCHAR(150)  NOT NULL COMMENT 'first-touch campaign (closing stages only; else empty)',
    prev_hour  DATETIME      NULL,
    entries    INT           NOT NULL,
    INDEX ix_metrics_hourly_period (hour, measure, stage, prev_hour, entries),
    INDEX ix_metrics_hourly_team (team_id, hour, measure, stage, prev_hour, entries),
    INDEX ix_metrics_hourly_closed (measure, stage, hour, team_id, prev_hour, source, campaign, entries)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:017-metrics-stage-stay
-- one row per move out of a funnel stage whose entry is recorded: how long the stay lasted (time in stage)
CREATE TABLE metrics_stage_stay (
    history_id  BIGINT       PRIMARY KEY COMMENT 'the move out (funnel_stage_history.id)',
    stage       VARCHAR(40)  NOT NULL,
    left_at     DATETIME(6)  NOT NULL,
    team_id     BIGINT       NOT NULL,
    secs        BIGINT       NOT NULL,
    CONSTRAINT fk_metrics_stay_history FOREIGN KEY (history_id) REFERENCES funnel_stage_history (id) ON DELETE CASCADE,
    INDEX ix_metrics_stay_period (left_at, stage, secs),
    INDEX ix_metrics_stay_team (team_id, left_at, stage, secs)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:017-metrics-loss
-- one row per move into LOST, with the contact's previous loss (first loss in a period) and what happened after it
CREATE TABLE metrics_loss (
    history_id    BIGINT       PRIMARY KEY COMMENT 'the move into LOST (funnel_stage_history.id)',
    lost_at       DATETIME(6)  NOT NULL,
    prev_lost_at  DATETIME(6)  NULL,
    team_id       BIGINT       NOT NULL,
    reengaged     BOOLEAN      NOT NULL COMMENT 'own engagement 3+ months later',
    reentered     BOOLEAN      NOT NULL COMMENT 'a later move into any other stage',
    won           BOOLEAN      NOT NULL COMMENT 'a later win',
    CONSTRAINT fk_metrics_loss_history FOREIGN KEY (history_id) REFERENCES funnel_stage_history (id) ON DELETE CASCADE,
    INDEX ix_metrics_loss_period (lost_at, prev_lost_at, reengaged, reentered, won),
    INDEX ix_metrics_loss_team (team_id, lost_at, prev_lost_at, reengaged, reentered, won)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:017-metrics-campaign-figures
-- each campaign's leads, MQL-or-later and customers per team, where they stand at the last refresh
CREATE TABLE metrics_campaign_figures (
    campaign   VARCHAR(150)  NOT NULL,
    team_id    BIGINT        NOT NULL,
    leads      BIGINT        NOT NULL,
    mqls       BIGINT        NOT NULL,
    customers  BIGINT        NOT NULL,
    PRIMARY KEY (campaign, team_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:017-metrics-summary-state
-- one row: when the summary was last refreshed (NULL: never built) and how far engagement was checked
CREATE TABLE metrics_summary_state (
    id              INT          PRIMARY KEY,
    refreshed_at    DATETIME(6)  NULL,
    activity_id     BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT ck_metrics_summary_state_one CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO metrics_summary_state (id, refreshed_at, activity_id) VALUES (1, NULL, 0);

--changeset leadflow:017-metrics-dirty-day
-- the UTC days whose summary rows must be recomputed: appended to by the triggers below (a plain log without a
-- unique key, so concurrent writers never wait for each other), emptied by the refresh
CREATE TABLE metrics_dirty_day (
    id   BIGINT  AUTO_INCREMENT PRIMARY KEY,
    day  DATE    NOT NULL,
    INDEX ix_metrics_dirty_day (day)
) ENGINE = InnoDB;

CREATE TRIGGER metrics_dirty_contact_created AFTER INSERT ON contact FOR EACH ROW
    INSERT INTO metrics_dirty_day (day) VALUES (DATE(NEW.created_at));

CREATE TRIGGER metrics_dirty_contact_deleted BEFORE DELETE ON contact FOR EACH ROW
    INSERT INTO metrics_dirty_day (day)
    SELECT DATE(OLD.created_at)
    UNION SELECT DATE(h.changed_at) FROM funnel_stage_history h WHERE h.contact_id = OLD.id
    UNION SELECT DATE(l.moved_at) FROM lifecycle_stage_history l WHERE l.contact_id = OLD.id;

CREATE TRIGGER metrics_dirty_funnel_move AFTER INSERT ON funnel_stage_history FOR EACH ROW
    INSERT INTO metrics_dirty_day (day)
    SELECT DATE(NEW.changed_at)
    UNION SELECT DATE(h.changed_at) FROM funnel_stage_history h
          WHERE h.contact_id = NEW.contact_id AND h.to_stage = 'LOST' AND h.changed_at <= NEW.changed_at;

CREATE TRIGGER metrics_dirty_lifecycle_move AFTER INSERT ON lifecycle_stage_history FOR EACH ROW
    INSERT INTO metrics_dirty_day (day) VALUES (DATE(NEW.moved_at));

--changeset leadflow:017-metrics-dirty-contact-changed splitStatements:false
-- a contact's team, first touch or creation time changed: every day it counts on is recomputed (the IF keeps the
-- many other contact updates, such as scores, free of any extra work)
CREATE TRIGGER metrics_dirty_contact_changed AFTER UPDATE ON contact FOR EACH ROW
IF NOT (OLD.team_id <=> NEW.team_id AND OLD.first_touch_source <=> NEW.first_touch_source
        AND OLD.first_touch_campaign <=> NEW.first_touch_campaign AND OLD.created_at <=> NEW.created_at) THEN
    INSERT INTO metrics_dirty_day (day)
    SELECT DATE(NEW.created_at)
    UNION SELECT DATE(OLD.created_at)
    UNION SELECT DATE(h.changed_at) FROM funnel_stage_history h WHERE h.contact_id = NEW.id
    UNION SELECT DATE(l.moved_at) FROM lifecycle_stage_history l WHERE l.contact_id = NEW.id;
END IF

--changeset leadflow:017-sla-clock-speed-index
-- speed to lead (computed live) reads started/stopped/due/cancelled/breached from the index alone
CREATE INDEX ix_sla_clock_speed ON sla_clock (started_at, cancelled_at, breached_at, stopped_at, due_at, contact_id);

--changeset leadflow:017-metrics-stay-buckets
-- time in stage without sorting a quarter's stays: each stay gets a duration bucket (8 per doubling, about 9 %
-- wide), a per-day count of stays per bucket finds which bucket holds the median or 90th percentile, and only that
-- bucket's stays are read to interpolate the exact value (see SummaryQueries.timeInStage)
ALTER TABLE metrics_stage_stay
    ADD COLUMN bucket SMALLINT NOT NULL DEFAULT 0 COMMENT 'FLOOR(LOG2(GREATEST(secs, 1)) * 8)',
    ADD INDEX ix_metrics_stay_bucket (stage, bucket, left_at, secs),
    ADD INDEX ix_metrics_stay_team_bucket (team_id, stage, bucket, left_at, secs);
UPDATE metrics_stage_stay SET bucket = FLOOR(LOG2(GREATEST(secs, 1)) * 8);
CREATE TABLE metrics_daily_stay (
    day      DATE         NOT NULL COMMENT 'UTC day the stay ended',
    stage    VARCHAR(40)  NOT NULL,
    team_id  BIGINT       NOT NULL,
    bucket   SMALLINT     NOT NULL,
    stays    INT          NOT NULL,
    PRIMARY KEY (day, stage, team_id, bucket),
    INDEX ix_metrics_daily_stay_team (team_id, day, stage, bucket, stays)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
-- the per-day counts are filled by a full rebuild: the next refresh does one
UPDATE metrics_summary_state SET refreshed_at = NULL WHERE id = 1;

--changeset leadflow:017-metrics-daily-entry
-- the hourly entries summed per UTC day: a period reads whole days here and only its partial edge days by hour
-- (a quarter is about 90 × 60 rows instead of 2,200 × 60)
CREATE TABLE metrics_daily_entry (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    day        DATE          NOT NULL,
    measure    CHAR(1)       NOT NULL,
    stage      VARCHAR(40)   NOT NULL,
    team_id    BIGINT        NOT NULL,
    source     VARCHAR(30)   NOT NULL,
    campaign   VARCHAR(150)  NOT NULL,
    prev_hour  DATETIME      NULL,
    entries    INT           NOT NULL,
    INDEX ix_metrics_daily_period (day, measure, stage, prev_hour, entries),
    INDEX ix_metrics_daily_team (team_id, day, measure, stage, prev_hour, entries),
    INDEX ix_metrics_daily_closed (measure, stage, day, team_id, prev_hour, source, campaign, entries)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
-- filled by a full rebuild: the next refresh does one
UPDATE metrics_summary_state SET refreshed_at = NULL WHERE id = 1;

--changeset leadflow:017-metrics-summary-snapshot
-- the summary is one snapshot as of its last refresh: a deleted contact's stays and losses leave it at the next
-- refresh (the contact's days are marked) together with the per-day counts, not at once by cascade, which would
-- leave the per-day stay counts pointing at stays that are gone
ALTER TABLE metrics_stage_stay DROP FOREIGN KEY fk_metrics_stay_history;
ALTER TABLE metrics_loss DROP FOREIGN KEY fk_metrics_loss_history;

--changeset leadflow:017-metrics-dirty-contact
-- contacts whose team, first touch or creation time changed: the refresh turns them into days set-based. The
-- trigger used to find those days itself (a UNION over the contact's histories, a temporary table per row), which
-- cost about 5 ms per row and most of the time of routing 10,000 leads, as routing sets every lead's team.
CREATE TABLE metrics_dirty_contact (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    contact_id       BIGINT  NOT NULL,
    old_created_day  DATE    NOT NULL,
    INDEX ix_metrics_dirty_contact (contact_id)
) ENGINE = InnoDB;

--changeset leadflow:017-metrics-dirty-contact-changed-light splitStatements:false
CREATE OR REPLACE TRIGGER metrics_dirty_contact_changed AFTER UPDATE ON contact FOR EACH ROW
IF NOT (OLD.team_id <=> NEW.team_id AND OLD.first_touch_source <=> NEW.first_touch_source
        AND OLD.first_touch_campaign <=> NEW.first_touch_campaign AND OLD.created_at <=> NEW.created_at) THEN
    INSERT INTO metrics_dirty_contact (contact_id, old_created_day) VALUES (NEW.id, DATE(OLD.created_at));
END IF

--changeset leadflow:017-metrics-dirty-funnel-move-light splitStatements:false
-- two plain inserts instead of a UNION (no temporary table per history row); duplicates are harmless
CREATE OR REPLACE TRIGGER metrics_dirty_funnel_move AFTER INSERT ON funnel_stage_history FOR EACH ROW
BEGIN
    INSERT INTO metrics_dirty_day (day) VALUES (DATE(NEW.changed_at));
    INSERT INTO metrics_dirty_day (day)
    SELECT DATE(h.changed_at) FROM funnel_stage_history h
    WHERE h.contact_id = NEW.contact_id AND h.to_stage = 'LOST' AND h.changed_at <= NEW.changed_at;
END

--changeset leadflow:017-metrics-dirty-contact-deleted-light splitStatements:false
CREATE OR REPLACE TRIGGER metrics_dirty_contact_deleted BEFORE DELETE ON contact FOR EACH ROW
BEGIN
    INSERT INTO metrics_dirty_day (day) VALUES (DATE(OLD.created_at));
    INSERT INTO metrics_dirty_day (day) SELECT DATE(h.changed_at) FROM funnel_stage_history h WHERE h.contact_id = OLD.id;
    INSERT INTO metrics_dirty_day (day) SELECT DATE(l.moved_at) FROM lifecycle_stage_history l WHERE l.contact_id = OLD.id;
END
