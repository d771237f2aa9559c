--liquibase formatted sql

-- Owned by: funnel board (issue 4). Append changesets here.

--changeset leadflow:014-board-stage-count
-- Open and won contacts per funnel stage, kept exact by the triggers below (every path that writes contact, plain
-- SQL included, in the writing transaction), so the unfiltered board counts without reading a million index
-- entries. Each stage has 16 slots and a transaction adds to the slot of its connection, so concurrent writers
-- (imports, ingestion, moves) do not queue on one hot row; a count is the sum of its slots.
CREATE TABLE IF NOT EXISTS board_stage_count (
    funnel_stage VARCHAR(40) NOT NULL,
    slot         TINYINT     NOT NULL,
    open_count   BIGINT      NOT NULL DEFAULT 0,
    won_count    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (funnel_stage, slot),
    CONSTRAINT fk_board_stage_count_stage FOREIGN KEY (funnel_stage) REFERENCES funnel_stage (code) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
-- filled from the contacts as they are now (migrations run before the application writes anything); slot 0 holds
-- the starting figure, the others start at zero
DELETE FROM board_stage_count;
INSERT INTO board_stage_count (funnel_stage, slot, open_count, won_count)
SELECT s.code, n.slot,
       CASE WHEN n.slot = 0 THEN (SELECT COUNT(*) FROM contact c WHERE c.funnel_stage = s.code AND c.status = 'OPEN') ELSE 0 END,
       CASE WHEN n.slot = 0 THEN (SELECT COUNT(*) FROM contact c WHERE c.funnel_stage = s.code AND c.status = 'WON') ELSE 0 END
FROM funnel_stage s
CROSS JOIN (SELECT 0 AS slot UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
            UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14
            UNION ALL SELECT 15) n;

--changeset leadflow:014-board-stage-count-new-stage splitStatements:false
-- a stage added in the funnel settings gets its (empty) slots; a removed one loses them by the foreign key
CREATE OR REPLACE TRIGGER funnel_stage_board_count AFTER INSERT ON funnel_stage FOR EACH ROW
INSERT IGNORE INTO board_stage_count (funnel_stage, slot)
SELECT NEW.code, n.slot
FROM (SELECT 0 AS slot UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
      UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14
      UNION ALL SELECT 15) n;

--changeset leadflow:014-board-stage-count-insert splitStatements:false
CREATE OR REPLACE TRIGGER contact_board_count_insert AFTER INSERT ON contact FOR EACH ROW
BEGIN
    IF NEW.status IN ('OPEN', 'WON') THEN
        UPDATE board_stage_count
        SET open_count = open_count + (NEW.status = 'OPEN'), won_count = won_count + (NEW.status = 'WON')
        WHERE funnel_stage = NEW.funnel_stage AND slot = CONNECTION_ID() % 16;
    END IF;
END;

--changeset leadflow:014-board-stage-count-delete splitStatements:false
CREATE OR REPLACE TRIGGER contact_board_count_delete AFTER DELETE ON contact FOR EACH ROW
BEGIN
    IF OLD.status IN ('OPEN', 'WON') THEN
        UPDATE board_stage_count
        SET open_count = open_count - (OLD.status = 'OPEN'), won_count = won_count - (OLD.status = 'WON')
        WHERE funnel_stage = OLD.funnel_stage AND slot = CONNECTION_ID() % 16;
    END IF;
END;

--changeset leadflow:014-board-stage-count-update splitStatements:false
-- only a change of stage or status touches the counts (score, owner and other edits take no lock here); the two
-- rows are updated in key order, so two opposite moves on the same slot can never deadlock
CREATE OR REPLACE TRIGGER contact_board_count_update AFTER UPDATE ON contact FOR EACH ROW
BEGIN
    DECLARE counted_before BOOLEAN DEFAULT OLD.status IN ('OPEN', 'WON');
    DECLARE counted_after BOOLEAN DEFAULT NEW.status IN ('OPEN', 'WON');
    DECLARE my_slot TINYINT DEFAULT CONNECTION_ID() % 16;
    IF NOT (OLD.funnel_stage <=> NEW.funnel_stage AND OLD.status <=> NEW.status)
            AND (counted_before OR counted_after) THEN
        IF counted_before AND (NOT counted_after OR OLD.funnel_stage <= NEW.funnel_stage) THEN
            UPDATE board_stage_count
            SET open_count = open_count - (OLD.status = 'OPEN'), won_count = won_count - (OLD.status = 'WON')
            WHERE funnel_stage = OLD.funnel_stage AND slot = my_slot;
            SET counted_before = FALSE;
        END IF;
        IF counted_after THEN
            UPDATE board_stage_count
            SET open_count = open_count + (NEW.status = 'OPEN'), won_count = won_count + (NEW.status = 'WON')
            WHERE funnel_stage = NEW.funnel_stage AND slot = my_slot;
        END IF;
        IF counted_before THEN
            UPDATE board_stage_count
            SET open_count = open_count - (OLD.status = 'OPEN'), won_count = won_count - (OLD.status = 'WON')
            WHERE funnel_stage = OLD.funnel_stage AND slot = my_slot;
        END IF;
    END IF;
END;

--changeset leadflow:014-board-filter-indexes
-- the board's temperature and source filters: their counts and columns read one index range each, like the
-- unfiltered board's ix_contact_board_score
CREATE INDEX IF NOT EXISTS ix_contact_board_temperature ON contact (temperature, status, funnel_stage, score);
CREATE INDEX IF NOT EXISTS ix_contact_board_source ON contact (first_touch_source, status, funnel_stage, score);
