namespace Vrps.Silo;

internal static class DataDirectory
{
    /// <summary>
    /// The user's local data folder; for root it is /var/lib/vrps instead, because Postgres runs as the postgres user,
    /// which cannot enter /root.
    /// </summary>
    public static string Default()
    {
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            return "/var/lib/vrps";
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "vrps");
    }
}
