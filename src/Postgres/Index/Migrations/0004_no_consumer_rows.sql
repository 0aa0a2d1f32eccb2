-- A consumer's record was copied into the grain index with every change of it, and a new person's claim paid for
-- that row, yet no list or lookup ever read it (the consumer's grain serves the record, the identity grains find it).
-- The copies stop and the rows written so far go.
DELETE FROM grain_index WHERE kind = 'consumer';
