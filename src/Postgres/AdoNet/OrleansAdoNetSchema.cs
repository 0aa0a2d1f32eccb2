using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.AdoNet;

/// <summary>
/// Our own numbered migrations for the tables and queries Orleans' stock ADO.NET providers (clustering, reminders,
/// persistence) expect on PostgreSQL, embedded under "migrations/orleans-adonet/".
/// </summary>
public static class OrleansAdoNetSchema
{
    /// <summary>Migration module name, recorded in schema_migrations.</summary>
    public const string Module = "orleans-adonet";

    /// <summary>The ADO.NET invariant Orleans maps to Npgsql's provider factory.</summary>
    public const string Invariant = "Npgsql";

    public static MigrationSet Migrations { get; } = new(Module, typeof(OrleansAdoNetSchema).Assembly);
}
