-- Event payloads are appended once and read whole by the stream's readers; no query looks inside them. json checks
-- each payload and keeps it as written, where jsonb converted it on append and printed it on every read.
-- The change rewrites the table once.
ALTER TABLE event_log ALTER COLUMN payload TYPE json USING payload::json;
