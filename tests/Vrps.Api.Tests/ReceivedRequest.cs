namespace Vrps.Api.Tests;

/// <param name="Headers">By name, case-insensitively, each header's values joined.</param>
/// <param name="At">Stopwatch timestamp of arrival.</param>
internal sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, string Body, long At);
