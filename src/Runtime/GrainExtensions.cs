namespace Vrps.Runtime;

public static class GrainExtensions
{
    public static Guid GetPrimaryKey(this Grain grain) => Guid.Parse(grain.GrainId.Key);

    public static string GetPrimaryKeyString(this Grain grain) => grain.GrainId.Key;
}
