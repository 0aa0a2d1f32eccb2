-- Schema and statements for Microsoft.Orleans.Persistence.AdoNet (invariant "Npgsql"), kept only as the baseline our
-- own grain storage is measured against. Written from the provider's contract: for every call it binds ServiceId,
-- GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, GrainIdHash, GrainTypeHash, and for writes
-- GrainStateVersion (Int32, NULL before the first write) and PayloadBinary (bytea).
--
-- Limits of that contract no schema can lift (our IGrainStorage exists because of them):
-- * GrainTypeString is the state name, not the grain type, and the grain type is not bound at all, so two grain types
--   with the same key and the same state name share a row (dotnet/orleans#8746, #9737). Give each state a name unique
--   across grain types when this provider is wired.
-- * A string key made only of hex digits is bound as a number (GrainIdN1) without the text, so "020235" and "20235"
--   are the same row (dotnet/orleans#9706). Such keys without a leading zero do map to distinct rows.
-- * The version is an Int32 on the .NET side. It is only compared for equality, so here it wraps from int.MaxValue to
--   1 instead of overflowing the column, which is the failure of dotnet/orleans#8379.
-- The row is found by the identifying columns themselves; the two hashes are not needed to tell grains apart.

CREATE TABLE orleans_storage (
    service_id          text        NOT NULL,
    state_name          text        NOT NULL,
    grain_id_n0         bigint      NOT NULL,
    grain_id_n1         bigint      NOT NULL,
    grain_id_extension  text,
    payload             bytea,
    version             int         NOT NULL,
    modified_at         timestamptz NOT NULL DEFAULT now(),
    -- A Guid or integer key without extension binds NULL, which must be one key value, not "unknown": PostgreSQL 15's
    -- NULLS NOT DISTINCT makes it so for the constraint and for ON CONFLICT.
    CONSTRAINT orleans_storage_grain UNIQUE NULLS NOT DISTINCT
        (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension)
);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Zero or one row: PayloadBinary (NULL after a clear, which the provider reads as "no record") and Version (the ETag).
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- Must return one row, column NewGrainStateVersion: the new version when the write happened, NULL when the caller's
-- @GrainStateVersion was not the stored one (the provider then raises InconsistentStateException). A NULL version
-- means "first write" and only succeeds if no row exists; otherwise only the row at exactly that version is updated.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage
        (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_grain DO NOTHING
    RETURNING version),
updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, modified_at = now(),
        version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version)
SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated LIMIT 1) AS "NewGrainStateVersion"
$q$),

-- ClearStateAsync with DeleteStateOnClear = false: keeps the row with a NULL payload so the version keeps counting.
-- One row, one column: the new version, or NULL on a version conflict.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_storage
    SET payload = NULL, modified_at = now(),
        version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END
    WHERE version = @GrainStateVersion
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
$q$),

-- Optional key, used with DeleteStateOnClear = true: deletes the row at the caller's version. One row, one column:
-- any value other than the caller's version on success (the provider then forgets the ETag), NULL on a conflict.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_storage
    WHERE version = @GrainStateVersion
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version)
SELECT (SELECT CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END FROM deleted) AS "NewGrainStateVersion"
$q$);
