-- A secondary index over grain state: one row per indexed grain, written in the same transaction as the state, so
-- a list read after a write always sees it. Lists page by (created_at, id).
CREATE TABLE grain_index (
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

CREATE INDEX grain_index_parent ON grain_index (kind, parent_id, created_at, id);
CREATE INDEX grain_index_tenant ON grain_index (kind, tenant_id, created_at, id);
