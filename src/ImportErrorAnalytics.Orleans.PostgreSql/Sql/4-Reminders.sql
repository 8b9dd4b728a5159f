-- Reminders (Microsoft.Orleans.Reminders.AdoNet): durable, periodic calls to grains.
--
-- A reminder is named by (service, grain id text, reminder name). Each silo loads the reminders of its part of the
-- hash ring by the grain's 32-bit hash (signed, as Orleans sends it), which is why it is stored and indexed.
-- The version is the reminder's etag: an upsert moves it on; a delete must present it.

CREATE TABLE IF NOT EXISTS iea_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS iea_reminder_by_ring ON iea_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES
-- Every reminder of one grain.
('ReadReminderRowsKey', $iea$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM iea_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$iea$),

-- One reminder of one grain (or no row).
('ReadReminderRowKey', $iea$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM iea_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$iea$),

-- A silo's ring range when it does not wrap (Orleans uses this key when @BeginHash < @EndHash): (begin, end].
('ReadRangeRows1Key', $iea$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM iea_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$iea$),

-- A range that wraps past the top of the ring: above begin, or up to end. When begin equals end (one silo owns the
-- whole ring) this is every reminder.
('ReadRangeRows2Key', $iea$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM iea_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$iea$),

-- Register or change a reminder; the answer is its new version (0 for a new one).
('UpsertReminderRowKey', $iea$
INSERT INTO iea_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = iea_reminder.version + 1
RETURNING version AS "Version";
$iea$),

-- Remove a reminder if it still holds @Version; one row, one boolean: was it removed.
('DeleteReminderRowKey', $iea$
WITH removed AS (
    DELETE FROM iea_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM removed);
$iea$),

-- Tests: every reminder of the service.
('DeleteReminderRowsKey', $iea$
DELETE FROM iea_reminder WHERE service_id = @ServiceId;
$iea$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext
WHERE orleansquery.querytext IS DISTINCT FROM excluded.querytext;
