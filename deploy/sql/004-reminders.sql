-- CreativeGen PostgreSQL schema, part 4: reminders (Orleans ADO.NET reminders, Microsoft.Orleans.Reminders.AdoNet).
-- One row per (service, grain, reminder name). Each silo's reminder service owns a range of the grain-hash ring and
-- reads the reminders in it; when a silo dies its range moves to the survivors, which read and fire its reminders.
-- The provider binds hashes as (signed) integers, the period in milliseconds, and the version it last saw (ETag):
-- a delete with a stale version removes nothing and answers false.
-- Idempotent: safe to run on every start.

CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(512) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period        bigint       NOT NULL,  -- milliseconds
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId::varchar, @GrainId::varchar, @ReminderName::varchar, @StartTime::timestamptz, @Period::bigint,
        @GrainHash::integer, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash,
       version = r.version + 1
RETURNING r.version AS version
$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
  FROM orleans_reminders
 WHERE service_id = @ServiceId::varchar AND grain_id = @GrainId::varchar
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
  FROM orleans_reminders
 WHERE service_id = @ServiceId::varchar AND grain_id = @GrainId::varchar AND reminder_name = @ReminderName::varchar
$q$),
-- The ring range (begin, end] when begin < end ...
('ReadRangeRows1Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
  FROM orleans_reminders
 WHERE service_id = @ServiceId::varchar AND grain_hash > @BeginHash::integer AND grain_hash <= @EndHash::integer
$q$),
-- ... and when it wraps around.
('ReadRangeRows2Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
  FROM orleans_reminders
 WHERE service_id = @ServiceId::varchar AND (grain_hash > @BeginHash::integer OR grain_hash <= @EndHash::integer)
$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId::varchar AND grain_id = @GrainId::varchar AND reminder_name = @ReminderName::varchar
       AND version = @Version::integer
    RETURNING 1)
SELECT count(*) > 0 FROM deleted
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId::varchar
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
