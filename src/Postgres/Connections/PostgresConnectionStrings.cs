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

    /// <summary>
    /// The connection string with Npgsql's automatic preparation switched on when it is not set: the providers send a
    /// few fixed statements (array upserts, appends, reads) thousands of times a second, and an unprepared statement
    /// is parsed and planned by Postgres on every execution. Measured on 2026-12-05 with <c>perf</c> during a claim
    /// burst: parse, analyze and plan were about an eighth of the Postgres server's CPU. A value the operator set,
    /// including 0 to switch it off (as a pooler without prepared statements needs), is kept.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString).Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
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
