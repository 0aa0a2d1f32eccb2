using System.Data.Common;
using Npgsql;

namespace Vrps.Postgres.Connections;

/// <summary>
/// What the platform asks of every connection it opens unless the operator's connection string says otherwise.
/// </summary>
public static class PostgresConnectionStrings
{
    /// <summary>How many statements each connection keeps prepared when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>The server setting every connection asks for when the operator's <c>Options</c> do not set it.</summary>
    public const string CustomPlans = "-c plan_cache_mode=force_custom_plan";

    /// <summary>
    /// The connection string with Npgsql's automatic preparation switched on when it is not set: the providers send a
    /// few fixed statements (array upserts, appends, reads) thousands of times a second, and an unprepared statement
    /// is parsed and planned by Postgres on every execution. Measured on 2026-12-05 with <c>perf</c> during a claim
    /// burst: parse, analyze and plan were about an eighth of the Postgres server's CPU. A value the operator set,
    /// including 0 to switch it off (as a pooler without prepared statements needs), is kept.
    /// <para>
    /// Prepared statements are planned for the values of each execution (<see cref="CustomPlans"/>), not once for all:
    /// Postgres otherwise settles on a generic plan after five executions and keeps it until the table is next
    /// analyzed. The providers' statements join arrays of keys to tables that start empty, and a generic plan made
    /// while a table is small scans it whole: measured on 2026-12-06 with auto_explain during the 1,000-offer claim
    /// burst on a new database, each batched state read scanned all 105,000 state rows (23 ms a read, most of Postgres'
    /// time) until autovacuum first analyzed the table two minutes in. Parsing is still saved; planning a statement
    /// again costs far less than one such scan. Options the operator set are kept, with this setting added unless they
    /// choose a plan_cache_mode themselves.
    /// </para>
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString).Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (builder.Options is not { Length: > 0 } options)
        {
            builder.Options = CustomPlans;
        }
        else if (!options.Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase))
        {
            builder.Options = $"{options} {CustomPlans}";
        }

        return builder.ConnectionString;
    }

    // The keywords as written, folded the way Npgsql reads them ("Max Auto Prepare" and "MaxAutoPrepare" are one).
    private static HashSet<string> Names(string connectionString)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return written.Keys.Cast<string>().Select(static k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }
}
