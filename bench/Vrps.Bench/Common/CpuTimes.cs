using System.Diagnostics;
using System.Globalization;

namespace Vrps.Bench.Common;

/// <summary>
/// CPU time spent so far by this process (the driver, and the silo when it is hosted here) and by one private Postgres
/// (its postmaster, the backends alive now, and the children it has reaped). Throughput on a shared 2-core machine
/// moves with whatever else runs; CPU per claim does not, so the offer scenarios print it beside their rates.
/// </summary>
internal sealed record CpuTimes(TimeSpan Process, TimeSpan Postgres)
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static CpuTimes Now(string? postgresDataDirectory) =>
        new(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, PostgresTime(postgresDataDirectory));

    public CpuTimes Since(CpuTimes earlier) => new(Process - earlier.Process, Postgres - earlier.Postgres);

    private static TimeSpan PostgresTime(string? dataDirectory)
    {
        if (dataDirectory is null || !OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), NumberStyles.None, CultureInfo.InvariantCulture, out var postmaster))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || Stat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == postmaster)
            {
                ticks += stat.User + stat.System + stat.ChildrenUser + stat.ChildrenSystem;
            }
            else if (stat.Parent == postmaster)
            {
                ticks += stat.User + stat.System;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int Parent, long User, long System, long ChildrenUser, long ChildrenSystem)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name may hold spaces and parentheses: the fields start after its last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14), Field(15), Field(16), Field(17));
    }
}
