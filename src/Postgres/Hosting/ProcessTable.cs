using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Vrps.Postgres.Hosting;

/// <summary>What the operating system says of a process id: its name, and whether it is a zombie not yet reaped.</summary>
public static class ProcessTable
{
    /// <summary>The process's name and whether it already exited (a zombie still has its id); null when there is none.</summary>
    public static (string Name, bool Zombie)? Status(int pid)
    {
        if (Directory.Exists("/proc/self"))
        {
            // Only /proc tells a zombie, which still has its PID and name, from a live process.
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            // "pid (name) state ...": the name may itself contain spaces and parentheses.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || close + 2 >= stat.Length)
            {
                return null;
            }

            return (stat[(open + 1)..close], stat[close + 2] is 'Z' or 'X' or 'x');
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : (process.ProcessName, false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception)
        {
            return null;
        }
    }
}
