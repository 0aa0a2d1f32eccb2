-- States are written whole and read whole; no query looks inside them. jsonb converted every state to its binary
-- form on write and printed it back on read, work Postgres did for every write of every grain (the hot offer burst
-- spent it on each of two state rows per issued pass). json checks the text is JSON and keeps it as written.
-- The change rewrites the table once.
ALTER TABLE grain_storage ALTER COLUMN payload TYPE json USING payload::json;
