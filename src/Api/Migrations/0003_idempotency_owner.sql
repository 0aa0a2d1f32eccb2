-- The silo that runs a key's request (its Orleans silo address), so that a retry may take over at once a key whose
-- silo membership has declared dead, instead of waiting until the claim counts as abandoned by age.
ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS owner text;
