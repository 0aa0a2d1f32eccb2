using System.Reflection;

namespace Vrps.Postgres.Migrations;

/// <summary>
/// Numbered SQL files embedded in an assembly under "migrations/{module}/NNNN_name.sql". Each module's files apply in
/// number order, once, recorded in schema_migrations.
/// </summary>
public sealed record MigrationSet(string Module, Assembly Assembly);
