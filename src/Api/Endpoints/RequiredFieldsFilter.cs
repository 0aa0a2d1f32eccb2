using Microsoft.AspNetCore.Http;
using Vrps.Api.Requests;

namespace Vrps.Api.Endpoints;

/// <summary>
/// Checks every request record an endpoint takes against <see cref="RequiredFields"/> before the endpoint runs, so no
/// endpoint re-checks a missing field and none can forget to.
/// </summary>
internal static class RequiredFieldsFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checkedArguments = context.MethodInfo.GetParameters()
            .Select(static (p, i) => (p.ParameterType, Index: i))
            .Where(static p => RequiredFields.Declares(p.ParameterType))
            .Select(static p => p.Index)
            .ToArray();
        return checkedArguments.Length == 0
            ? next
            : invocation =>
            {
                foreach (var index in checkedArguments)
                {
                    RequiredFields.Check(invocation.Arguments[index]);
                }

                return next(invocation);
            };
    }
}
