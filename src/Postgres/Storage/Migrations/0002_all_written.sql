-- A group commit is sent as one batch, run by Postgres as one implicit transaction: the state writes, then the staged
-- effects, committed when the batch ends. The writes must then stop the batch themselves when one of them lost to
-- another activation (its row did not hold the version it expected), so that no effect of a lost write commits:
-- the committer then runs the transaction again in steps, finds which writes lost, and commits the rest.
CREATE OR REPLACE FUNCTION grain_storage_all_written(written bigint, expected integer) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    IF written <> expected THEN
        RAISE EXCEPTION 'only % of % grain state writes found the version they expected', written, expected
            USING ERRCODE = 'VR409';
    END IF;
    RETURN written;
END
$$;
