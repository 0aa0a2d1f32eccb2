-- The event log: events commit in the same transaction as the grain state that raised them, and the stream
-- provider's queues read it in position order. Named apart from the old runtime's events tables, which share the
-- database until that runtime is retired.
-- position is the global commit order: appends hold a transaction-scoped advisory lock from before their position is
-- drawn until they commit, so a reader never sees a position while a lower one is still uncommitted.
CREATE TABLE event_log_streams (
    stream_namespace  text   NOT NULL,
    stream_key        text   NOT NULL,
    last_sequence     bigint NOT NULL,
    PRIMARY KEY (stream_namespace, stream_key)
);

CREATE TABLE event_log (
    position          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_namespace  text        NOT NULL,
    stream_key        text        NOT NULL,
    -- A stable, non-negative hash of the stream: a queue of N reads the rows whose hash modulo N is its number.
    stream_hash       integer     NOT NULL CHECK (stream_hash >= 0),
    sequence          bigint      NOT NULL,
    type              text        NOT NULL,
    payload           jsonb       NOT NULL,
    occurred_at       timestamptz NOT NULL,
    UNIQUE (stream_namespace, stream_key, sequence)
);

-- How far each queue of each stream provider has delivered: everything at or below position was delivered.
CREATE TABLE event_log_checkpoints (
    provider    text        NOT NULL,
    queue       integer     NOT NULL,
    position    bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, queue)
);
