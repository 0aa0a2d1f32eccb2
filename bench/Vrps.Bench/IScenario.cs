namespace Vrps.Bench;

/// <summary>One benchmark, selected by the first command-line argument.</summary>
internal interface IScenario
{
    /// <summary>The command-line name, e.g. "orleans-storage".</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Usage { get; }

    /// <summary>Runs the benchmark with the arguments after the scenario name; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
