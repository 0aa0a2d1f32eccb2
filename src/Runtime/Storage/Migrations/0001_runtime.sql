-- Grain state: one row per grain and state name. A clear keeps the row as a tombstone (payload NULL) so that
-- versions only ever move forward and a stale activation can never match a recycled version.
CREATE TABLE grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    version     bigint      NOT NULL,
    payload     jsonb,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (grain_type, grain_key, state_name)
);

-- Outbox: events commit in the same transaction as the state that raised them.
-- position is the global commit order (inserts are serialised by an advisory lock); seq is gap-free per stream.
CREATE TABLE event_streams (
    ns        text   NOT NULL,
    key       text   NOT NULL,
    last_seq  bigint NOT NULL,
    PRIMARY KEY (ns, key)
);

CREATE TABLE events (
    position     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ns           text        NOT NULL,
    key          text        NOT NULL,
    seq          bigint      NOT NULL,
    type         text        NOT NULL,
    payload      jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL,
    UNIQUE (ns, key, seq)
);

CREATE INDEX events_ns_position ON events (ns, position);

CREATE TABLE event_checkpoints (
    consumer    text        PRIMARY KEY,
    position    bigint      NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Reminders are read only when due: the due_at index is the whole access path.
CREATE TABLE reminders (
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    name         text        NOT NULL,
    due_at       timestamptz NOT NULL,
    period_ms    bigint,
    version      bigint      NOT NULL DEFAULT 1,
    lease_until  timestamptz,
    PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX reminders_due_at ON reminders (due_at);
