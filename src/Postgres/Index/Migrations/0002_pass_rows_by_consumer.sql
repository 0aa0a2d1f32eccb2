-- A pass was listed three times: under its lot (kind 'pass'), its unit ('unit_pass') and its consumer
-- ('consumer_pass'), each a full copy of the pass written with every change of it. The consumer's list now reads the
-- pass rows themselves through this expression index, and nothing read the unit's rows, so both copies go: a pass
-- costs one index row per write instead of up to three. The index follows the list's keyset order.
CREATE INDEX IF NOT EXISTS grain_index_pass_consumer
    ON grain_index ((data ->> 'consumerId'), created_at, id)
    WHERE kind = 'pass';

DELETE FROM grain_index WHERE kind IN ('consumer_pass', 'unit_pass');
