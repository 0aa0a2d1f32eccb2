-- One row per armed deadline of a grain. Rows are read only when due: the due_at index is the whole access path, so
-- neither start-up nor an idle poll reads more than the rows falling due.
-- The version comes from a sequence, not a per-row counter: a deadline cancelled and set again while its old fire is
-- in flight must never share that fire's version, or the old fire's completion would delete the new deadline.
CREATE SEQUENCE grain_deadline_versions;

CREATE TABLE grain_deadlines (
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    name         text        NOT NULL,
    due_at       timestamptz NOT NULL,
    version      bigint      NOT NULL DEFAULT nextval('grain_deadline_versions'),
    lease_until  timestamptz,
    PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX grain_deadlines_due_at ON grain_deadlines (due_at);
