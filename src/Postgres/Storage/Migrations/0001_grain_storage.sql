-- Grain state of Orleans grains stored by the Vrps grain storage provider. Named apart from the old runtime's
-- grain_state table, which lives in the same database until the port is complete.
--
-- The key is the whole grain id (its type and its key, kept as Orleans prints them, never parsed) plus the state
-- name, so two grain types with the same key, or a digit-only string key and an integer key, never share a row.
-- version is the ETag: it only grows, also across ClearStateAsync, which leaves a tombstone (payload NULL) instead of
-- deleting the row, so a stale ETag from before a clear can never match again.
CREATE TABLE grain_storage (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    payload     jsonb,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (grain_type, grain_key, state_name)
);
