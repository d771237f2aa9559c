--liquibase formatted sql

-- Owned by: cadences, calendar and sending (issue 6). Append changesets here.

--changeset leadflow:015-touch-hour-count
-- the calendar's counts, pre-aggregated: touches (not cancelled) per UTC hour × team × owner × cadence × kind.
-- Kept exact by the triggers below in the same transaction as every write to scheduled_touch, whoever writes it;
-- hours (not days) so that every whole-hour time zone gets its own days from the same rows.
CREATE TABLE IF NOT EXISTS touch_hour_count (
    hour_start  DATETIME    NOT NULL COMMENT 'due_at truncated to the hour',
    team_id     BIGINT      NOT NULL COMMENT '0: no team',
    owner_id    BIGINT      NOT NULL COMMENT '0: no owner',
    cadence_id  BIGINT      NOT NULL,
    kind        VARCHAR(10) NOT NULL,
    touches     INT         NOT NULL,
    PRIMARY KEY (hour_start, team_id, owner_id, cadence_id, kind),
    INDEX ix_touch_hour_team (team_id, hour_start),
    INDEX ix_touch_hour_owner (owner_id, hour_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

--changeset leadflow:015-touch-count-insert-trigger splitStatements:false
CREATE OR REPLACE TRIGGER trg_touch_count_insert AFTER INSERT ON scheduled_touch FOR EACH ROW
BEGIN
    IF NEW.status <> 'CANCELLED' THEN
        INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
        VALUES (DATE_FORMAT(NEW.due_at, '%Y-%m-%d %H:00:00'), IFNULL(NEW.team_id, 0), IFNULL(NEW.owner_id, 0),
                NEW.cadence_id, NEW.kind, 1)
        ON DUPLICATE KEY UPDATE touches = touches + 1;
    END IF;
END

--changeset leadflow:015-touch-count-update-trigger splitStatements:false
-- only a change of a counted attribute (hour, team, owner, cadence, kind, cancelled or not) moves a count
CREATE OR REPLACE TRIGGER trg_touch_count_update AFTER UPDATE ON scheduled_touch FOR EACH ROW
BEGIN
    IF (OLD.status = 'CANCELLED') <> (NEW.status = 'CANCELLED')
            OR DATE_FORMAT(OLD.due_at, '%Y-%m-%d %H') <> DATE_FORMAT(NEW.due_at, '%Y-%m-%d %H')
            OR NOT (OLD.team_id <=> NEW.team_id) OR NOT (OLD.owner_id <=> NEW.owner_id)
            OR OLD.cadence_id <> NEW.cadence_id OR OLD.kind <> NEW.kind THEN
        IF OLD.status <> 'CANCELLED' THEN
            INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
            VALUES (DATE_FORMAT(OLD.due_at, '%Y-%m-%d %H:00:00'), IFNULL(OLD.team_id, 0), IFNULL(OLD.owner_id, 0),
                    OLD.cadence_id, OLD.kind, -1)
            ON DUPLICATE KEY UPDATE touches = touches - 1;
        END IF;
        IF NEW.status <> 'CANCELLED' THEN
            INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
            VALUES (DATE_FORMAT(NEW.due_at, '%Y-%m-%d %H:00:00'), IFNULL(NEW.team_id, 0), IFNULL(NEW.owner_id, 0),
                    NEW.cadence_id, NEW.kind, 1)
            ON DUPLICATE KEY UPDATE touches = touches + 1;
        END IF;
    END IF;
END

--changeset leadflow:015-touch-count-delete-trigger splitStatements:false
CREATE OR REPLACE TRIGGER trg_touch_count_delete AFTER DELETE ON scheduled_touch FOR EACH ROW
BEGIN
    IF OLD.status <> 'CANCELLED' THEN
        INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
        VALUES (DATE_FORMAT(OLD.due_at, '%Y-%m-%d %H:00:00'), IFNULL(OLD.team_id, 0), IFNULL(OLD.owner_id, 0),
                OLD.cadence_id, OLD.kind, -1)
        ON DUPLICATE KEY UPDATE touches = touches - 1;
    END IF;
END

--changeset leadflow:015-touch-count-contact-delete-trigger splitStatements:false
-- MariaDB fires no trigger for rows removed by ON DELETE CASCADE: the parents whose deletion cascades to touches
-- (a contact, an enrolment, a cadence) take their touches out of the counts first
CREATE OR REPLACE TRIGGER trg_touch_count_contact_delete BEFORE DELETE ON contact FOR EACH ROW
INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
SELECT DATE_FORMAT(t.due_at, '%Y-%m-%d %H:00:00'), IFNULL(t.team_id, 0), IFNULL(t.owner_id, 0), t.cadence_id, t.kind,
       -COUNT(*)
FROM scheduled_touch t WHERE t.contact_id = OLD.id AND t.status <> 'CANCELLED'
GROUP BY 1, 2, 3, 4, 5
ON DUPLICATE KEY UPDATE touches = touches + VALUE(touches)

--changeset leadflow:015-touch-count-enrolment-delete-trigger splitStatements:false
CREATE OR REPLACE TRIGGER trg_touch_count_enrolment_delete BEFORE DELETE ON cadence_enrolment FOR EACH ROW
INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
SELECT DATE_FORMAT(t.due_at, '%Y-%m-%d %H:00:00'), IFNULL(t.team_id, 0), IFNULL(t.owner_id, 0), t.cadence_id, t.kind,
       -COUNT(*)
FROM scheduled_touch t WHERE t.enrolment_id = OLD.id AND t.status <> 'CANCELLED'
GROUP BY 1, 2, 3, 4, 5
ON DUPLICATE KEY UPDATE touches = touches + VALUE(touches)

--changeset leadflow:015-touch-count-cadence-delete-trigger splitStatements:false
CREATE OR REPLACE TRIGGER trg_touch_count_cadence_delete BEFORE DELETE ON cadence FOR EACH ROW
INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
SELECT DATE_FORMAT(t.due_at, '%Y-%m-%d %H:00:00'), IFNULL(t.team_id, 0), IFNULL(t.owner_id, 0), t.cadence_id, t.kind,
       -COUNT(*)
FROM scheduled_touch t WHERE t.cadence_id = OLD.id AND t.status <> 'CANCELLED'
GROUP BY 1, 2, 3, 4, 5
ON DUPLICATE KEY UPDATE touches = touches + VALUE(touches)

--changeset leadflow:015-touch-hour-count-fill
-- the counts of the touches that exist already (the triggers above keep them from here on)
DELETE FROM touch_hour_count;
INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:00:00'), IFNULL(team_id, 0), IFNULL(owner_id, 0), cadence_id, kind, COUNT(*)
FROM scheduled_touch WHERE status <> 'CANCELLED'
GROUP BY 1, 2, 3, 4, 5;

--changeset leadflow:015-touch-count-parent-triggers-without-grouping splitStatements:false
-- the same subtraction without GROUP BY (a temporary table per deleted row made bulk deletes slow): every touch
-- takes one off its count, the first of a key inserting -1
CREATE OR REPLACE TRIGGER trg_touch_count_contact_delete BEFORE DELETE ON contact FOR EACH ROW
INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
SELECT DATE_FORMAT(t.due_at, '%Y-%m-%d %H:00:00'), IFNULL(t.team_id, 0), IFNULL(t.owner_id, 0), t.cadence_id, t.kind, -1
FROM scheduled_touch t WHERE t.contact_id = OLD.id AND t.status <> 'CANCELLED'
ON DUPLICATE KEY UPDATE touches = touches - 1

--changeset leadflow:015-touch-count-enrolment-trigger-without-grouping splitStatements:false
CREATE OR REPLACE TRIGGER trg_touch_count_enrolment_delete BEFORE DELETE ON cadence_enrolment FOR EACH ROW
INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
SELECT DATE_FORMAT(t.due_at, '%Y-%m-%d %H:00:00'), IFNULL(t.team_id, 0), IFNULL(t.owner_id, 0), t.cadence_id, t.kind, -1
FROM scheduled_touch t WHERE t.enrolment_id = OLD.id AND t.status <> 'CANCELLED'
ON DUPLICATE KEY UPDATE touches = touches - 1

--changeset leadflow:015-touch-count-cadence-trigger-without-grouping splitStatements:false
CREATE OR REPLACE TRIGGER trg_touch_count_cadence_delete BEFORE DELETE ON cadence FOR EACH ROW
INSERT INTO touch_hour_count (hour_start, team_id, owner_id, cadence_id, kind, touches)
SELECT DATE_FORMAT(t.due_at, '%Y-%m-%d %H:00:00'), IFNULL(t.team_id, 0), IFNULL(t.owner_id, 0), t.cadence_id, t.kind, -1
FROM scheduled_touch t WHERE t.cadence_id = OLD.id AND t.status <> 'CANCELLED'
ON DUPLICATE KEY UPDATE touches = touches - 1

--changeset leadflow:015-drop-enrolment-delete-trigger
-- its read of the enrolment's touches took shared next-key locks in the deleting transaction and deadlocked with
-- concurrent touch inserts; nothing deletes an enrolment that still has touches (a contact's or a cadence's
-- deletion has its own trigger; whoever deletes enrolments directly deletes their touches first)
DROP TRIGGER IF EXISTS trg_touch_count_enrolment_delete;
