-- Index items are written with every change of their grain and read as text by lists; the only look inside them is
-- a field match (data ->> field) on a list's page and the consumer index's expression, both served as well by
-- json. jsonb converted each item on write and printed it on read; json checks it and keeps it as written.
-- The change rewrites the table and its indexes once.
ALTER TABLE grain_index ALTER COLUMN data TYPE json USING data::json;
