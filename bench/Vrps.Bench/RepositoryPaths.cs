namespace Vrps.Bench;

internal static class RepositoryPaths
{
    private const string SolutionFile = "Vrps.Orleans.sln";

    /// <summary>
    /// The repository root, found from the binary's location so that default output paths do not depend on the
    /// directory the benchmark was started from; the current directory when the binary lives outside the repository.
    /// </summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
