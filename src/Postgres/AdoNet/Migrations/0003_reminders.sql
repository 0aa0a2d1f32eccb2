-- Schema and statements for Microsoft.Orleans.Reminders.AdoNet (invariant "Npgsql"), written from the provider's
-- contract. Reminders stay for periodic housekeeping only; one-shot timers are our durable deadlines.
--
-- GrainId arrives as GrainId.ToString() ("type/key"), the whole identity, so digit-only string keys and grains of
-- different types sharing a key stay apart here. GrainHash is GrainId.GetUniformHashCode() cast to a signed int; the
-- reminder service reads the ring range of each silo and the provider picks the range query by comparing the bounds as
-- signed ints, so the column is a plain int compared as such. Period arrives as Int32 milliseconds, or Int64 past
-- int.MaxValue, and is read as Int64: bigint. Version is the reminder's ETag, an int in the contract (read with
-- Convert.ToInt32, bound as Int32); it is only ever compared for equality, so it wraps to 1 instead of overflowing
-- (the failure reported for storage versions in dotnet/orleans#8379). StartTime is timestamptz, as the UTC DateTime
-- Orleans binds is sent as timestamptz by Npgsql 6+ (reminder inserts failing on that: dotnet/orleans#7424).

CREATE TABLE orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    int         NOT NULL,
    version       int         NOT NULL,
    CONSTRAINT orleans_reminders_key PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- All reminders of one grain. Columns GrainId, ReminderName, StartTime, Period, Version.
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

-- One reminder, zero or one row.
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- A silo's share of the ring when the range does not wrap (BeginHash < EndHash as signed ints): (begin, end].
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- The wrapping range, also the whole ring when begin equals end (a single silo): above begin or up to end.
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

-- Registers or re-registers a reminder and must return its new ETag as column Version. One INSERT .. ON CONFLICT, so
-- two activations registering the same reminder at once cannot fail on the key as an update-then-insert would.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT ON CONSTRAINT orleans_reminders_key DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = CASE WHEN r.version = 2147483647 THEN 1 ELSE r.version + 1 END
RETURNING r.version AS "Version"
$q$),

-- Unregisters a reminder if its ETag still matches. One boolean column: whether a row was deleted.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT count(*) > 0 FROM deleted
$q$),

-- Forgets every reminder of a service (tests and tooling).
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$);
