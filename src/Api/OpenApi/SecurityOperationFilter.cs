using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Vrps.Api.Auth;

namespace Vrps.Api.OpenApi;

/// <summary>
/// Every operation states its own security: the bearer scheme, or none (<c>security: []</c>) for the routes marked
/// <see cref="AllowAnonymousKeyAttribute"/> — their code or token is the authorization — so a client or a validating
/// proxy never asks for a key the server does not want.
/// </summary>
internal sealed class SecurityOperationFilter : IOperationFilter
{
    public const string Scheme = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var anonymous = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AllowAnonymousKeyAttribute>().Any();
        operation.Security = anonymous
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
    }
}
