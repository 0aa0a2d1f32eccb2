-- One row per (API key, Idempotency-Key). status_code is NULL while the first request is still executing; claim_id
-- identifies that execution, so a request whose claim was taken over as abandoned cannot overwrite its successor's row.
CREATE TABLE idempotency_keys (
    api_key_id    uuid        NOT NULL,
    key           text        NOT NULL,
    claim_id      uuid        NOT NULL,
    request_hash  bytea       NOT NULL,
    status_code   int,
    content_type  text,
    location      text,
    body          bytea,
    created_at    timestamptz NOT NULL,
    completed_at  timestamptz,
    PRIMARY KEY (api_key_id, key)
);

-- The sweeper deletes by age.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
