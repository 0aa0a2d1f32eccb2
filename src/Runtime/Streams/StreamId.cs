namespace Vrps.Runtime.Streams;

public readonly record struct StreamId(string Namespace, string Key)
{
    public static StreamId Create(string @namespace, Guid key) => new(@namespace, key.ToString("D"));

    public override string ToString() => $"{Namespace}/{Key}";
}
