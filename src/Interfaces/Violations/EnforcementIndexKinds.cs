namespace Vrps.Interfaces.Violations;

/// <summary>Index kinds of the patrol log: rows under the lot (parent) and its customer (tenant).</summary>
public static class EnforcementIndexKinds
{
    public const string Scan = "scan";
    public const string Violation = "violation";
}
