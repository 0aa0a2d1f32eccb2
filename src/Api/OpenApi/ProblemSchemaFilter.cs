using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Vrps.Api.Problems;

namespace Vrps.Api.OpenApi;

/// <summary>
/// Every problem the API answers with is made by <see cref="ProblemExceptionHandler.Problem"/>: it always carries
/// type, title, status, detail and the stable <c>code</c> clients branch on, and <c>errors</c> per field when a
/// request was refused as invalid. The framework's schema knows none of that.
/// </summary>
internal sealed class ProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(ProblemDetails) || schema is not OpenApiSchema problem)
        {
            return;
        }

        problem.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        problem.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable, machine-readable: not_found, validation_failed, offer_exhausted, …" };
        problem.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Messages per request field (validation_failed and other refusals that name a field).",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        problem.Required = new HashSet<string>(["type", "title", "status", "detail", "code"], StringComparer.Ordinal);
    }
}
