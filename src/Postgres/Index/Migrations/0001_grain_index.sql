-- The grain index: one row per listed grain, upserted in the transaction that writes the grain's state, so a list read
-- after a write has returned already shows it. Lists page by (created_at, id) under a parent or a tenant.
-- The table keeps the old runtime's name and columns, which the API's list queries read. IF NOT EXISTS because both
-- runtimes share the database while the old one is retired, and the old one may have created the table already.
CREATE TABLE IF NOT EXISTS grain_index (
    kind        text        NOT NULL,
    id          text        NOT NULL,
    parent_id   text,
    tenant_id   text,
    name        text,
    created_at  timestamptz NOT NULL,
    deleted_at  timestamptz,
    data        jsonb       NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE INDEX IF NOT EXISTS grain_index_parent ON grain_index (kind, parent_id, created_at, id);
CREATE INDEX IF NOT EXISTS grain_index_tenant ON grain_index (kind, tenant_id, created_at, id);
