namespace Vrps.Runtime.Tests;

/// <summary>
/// Makes every COMMIT that wrote grain state fail, from inside Postgres (a deferred constraint trigger), while the
/// switch row exists: the real failure path, with no fake in the runtime.
/// </summary>
internal static class CommitFailure
{
    public const string Install = """
        CREATE TABLE IF NOT EXISTS test_fail_commits (reason text);
        CREATE OR REPLACE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM test_fail_commits) THEN
                RAISE EXCEPTION 'injected commit failure';
            END IF;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS fail_commit ON grain_state;
        CREATE CONSTRAINT TRIGGER fail_commit AFTER INSERT OR UPDATE ON grain_state
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_commit();
        INSERT INTO test_fail_commits VALUES ('test');
        """;

    public const string Remove = "DELETE FROM test_fail_commits";
}
