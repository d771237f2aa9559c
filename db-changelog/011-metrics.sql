--liquibase formatted sql

-- Owned by the metrics feature: campaigns with their cost, and the indexes the dashboard's queries need.

--changeset leadflow:011-campaign
-- a marketing campaign; contacts belong to it through contact.first_touch_campaign = campaign.name
CREATE TABLE campaign (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(150)   NOT NULL,
    channel     VARCHAR(30)    NOT NULL,
    starts_on   DATE           NOT NULL,
    ends_on     DATE           NULL COMMENT 'NULL: still running',
    cost        DECIMAL(14, 2) NOT NULL DEFAULT 0,
    version     BIGINT         NOT NULL DEFAULT 0,
    created_at  DATETIME(6)    NOT NULL,
    updated_at  DATETIME(6)    NOT NULL,
    CONSTRAINT uq_campaign_name UNIQUE (name),
    CONSTRAINT ck_campaign_cost CHECK (cost >= 0),
    CONSTRAINT ck_campaign_period CHECK (ends_on IS NULL OR ends_on >= starts_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:011-contact-campaign-index
-- campaign figures and the campaign filter: a campaign's leads and their outcome read from the index alone
CREATE INDEX ix_contact_campaign_outcome ON contact (first_touch_campaign, status, lifecycle_stage, team_id, owner_id);

--changeset leadflow:011-funnel-history-from-index
-- time in stage: stays that ended in the period, by the stage they left
CREATE INDEX ix_funnel_history_from ON funnel_stage_history (from_stage, changed_at);

--changeset leadflow:011-history-covering-indexes
-- the dashboard's period queries read only (time, stage, contact) from the histories and clocks: covering indexes
-- let them run on the index alone (ix_funnel_history_from stays: it now carries the from_stage foreign key)
CREATE INDEX ix_funnel_history_period ON funnel_stage_history (changed_at, to_stage, from_stage, contact_id);
CREATE INDEX ix_lifecycle_history_period ON lifecycle_stage_history (moved_at, to_stage, contact_id);
CREATE INDEX ix_sla_clock_period ON sla_clock (started_at, stopped_at, due_at, contact_id);
