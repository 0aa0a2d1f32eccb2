using System.Diagnostics.CodeAnalysis;

namespace Vrps.Bench.RuntimeWrites;

internal sealed class RuntimeWritesOptions
{
    public const int Clients = 256;

    public bool Quick { get; private init; }

    public required string JsonPath { get; init; }

    public int Writes => Quick ? 4_000 : 30_000;

    // Lets JIT, the connection pool and Postgres's caches settle at full concurrency before anything is measured.
    public int WarmupWrites => Quick ? 1_000 : 2_000;

    public string ModeName => Quick ? "quick" : "full";

    public static bool TryParse(IReadOnlyList<string> arguments, [NotNullWhen(true)] out RuntimeWritesOptions? options, [NotNullWhen(false)] out string? error)
    {
        var quick = false;
        var jsonPath = Path.Combine(RepositoryPaths.Root(), "bench", "results", "runtime-writes.json");
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--json" when i + 1 < arguments.Count:
                    jsonPath = Path.GetFullPath(arguments[++i]);
                    break;
                case "--json":
                    (options, error) = (null, "--json needs a file path.");
                    return false;
                default:
                    (options, error) = (null, $"Unknown option '{arguments[i]}'.");
                    return false;
            }
        }

        (options, error) = (new RuntimeWritesOptions { Quick = quick, JsonPath = jsonPath }, null);
        return true;
    }
}
