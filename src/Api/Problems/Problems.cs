using Microsoft.AspNetCore.Http;

namespace Vrps.Api.Problems;

public static class Problems
{
    public static IResult Of(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        TypedResults.Problem(ProblemExceptionHandler.Problem(status, code, detail, errors));
}
