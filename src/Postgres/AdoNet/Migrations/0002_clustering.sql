-- Schema and statements for Microsoft.Orleans.Clustering.AdoNet (invariant "Npgsql"), written from the provider's
-- contract: the query keys it looks up, the parameters it binds (named without a prefix, written @Name here) and the
-- result columns it reads by name. Timestamps arrive as UTC DateTime bound as DbType.DateTime, which Npgsql sends as
-- timestamptz, so every time column is timestamptz and no session time zone is involved.
--
-- Known PostgreSQL problems of the stock scripts this avoids: timestamp-without-time-zone columns read back with
-- Kind=Unspecified, which Npgsql 6+ refuses to write again (dotnet/orleans#7402, #7424); statements wrapped in
-- functions whose argument types stopped matching what Npgsql sends (#7501) — ours are plain statements; and the
-- missing CleanupDefunctSiloEntriesKey row that stopped silos from starting (#9125).
--
-- Membership is versioned per cluster (DeploymentId = ClusterId): every insert or update of a silo row must raise the
-- cluster's table version in the same statement, and only if the caller saw the current version. That single counter
-- is how Orleans keeps concurrent silos from overwriting each other's view of the cluster. The version is an int in
-- the contract (bound as Int32, read with Convert.ToInt32) and Orleans orders snapshots by it, so it grows and never
-- wraps.

CREATE TABLE orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    version       int         NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            int         NOT NULL,
    generation      int         NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          int         NOT NULL,
    proxy_port      int         NOT NULL,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT orleans_membership_silo PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Called by every starting silo. Must create the cluster's version row if absent and return one boolean column
-- saying whether this call created it. ON CONFLICT makes silos starting at once safe: exactly one gets true.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*) > 0 FROM created
$q$),

-- Adds a silo row. Must return one boolean column: true only if the table version still equals @Version (it is then
-- raised by one) and the silo was not in the table yet. The version row's lock orders concurrent writers; a loser sees
-- the raised version and gets false, which tells Orleans to re-read and retry.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM orleans_membership m
          WHERE m.deployment_id = @DeploymentId AND m.address = @Address AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id),
inserted AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped b
    ON CONFLICT ON CONSTRAINT orleans_membership_silo DO NOTHING
    RETURNING 1)
SELECT count(*) > 0 FROM inserted
$q$),

-- Changes a silo's status, suspicion votes (a "|"-separated text Orleans formats and parses itself) and liveness time.
-- Same rule as the insert: one boolean column, true only if @Version was current and the silo row exists, and the
-- version is raised by one in the same statement.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
      AND EXISTS (
          SELECT 1 FROM orleans_membership m
          WHERE m.deployment_id = @DeploymentId AND m.address = @Address AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id),
updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped b
    WHERE m.deployment_id = b.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT count(*) > 0 FROM updated
$q$),

-- The heartbeat. Orleans treats it as outside the versioned protocol: it only moves the liveness time and returns
-- nothing.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- One silo's row. The provider reads the table version from the first row and treats a NULL StartTime as "no such
-- silo", so the result must be at least one row even when the silo is absent: hence the version row LEFT JOIN.
('MembershipReadRowKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- Every silo row of the cluster, each carrying the table version; one row with NULL silo columns when there is none.
('MembershipReadAllKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- What a cluster client connects to: silos in @Status (Active) with a gateway. Columns Address, ProxyPort, Generation.
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Forgets a whole cluster (Orleans calls it from tooling and tests); the cascade removes its silo rows.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Removes rows of silos declared Dead (SiloStatus.Dead = 6) whose last heartbeat is older than @IAmAliveTime. Orleans
-- still requires this key, but prefers the single-row form below when it exists.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$q$),

-- Optional key: removes one Dead silo's row only if the values Orleans read a moment ago are still the row's values,
-- so a row that changed since (a late vote, a heartbeat) is left for a later pass instead of being deleted unseen.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS NOT DISTINCT FROM @SuspectTimes
$q$);
