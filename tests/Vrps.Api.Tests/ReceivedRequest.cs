using Microsoft.AspNetCore.Http;

namespace Vrps.Api.Tests;

/// <param name="Headers">By name, case-insensitively, each header's values joined.</param>
/// <param name="HeaderDictionary">The same headers as ASP.NET Core gave them, for verifiers that take that type.</param>
/// <param name="At">Stopwatch timestamp of arrival.</param>
internal sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, IHeaderDictionary HeaderDictionary, string Body, long At);
