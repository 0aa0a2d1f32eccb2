namespace Vrps.Postgres.Storage;

/// <summary>A row of grain_storage: the full grain id (type and key, as Orleans prints them) and the state name.</summary>
internal readonly record struct StateKey(string GrainType, string GrainKey, string StateName)
{
    public override string ToString() => $"{GrainType}/{GrainKey} '{StateName}'";
}
