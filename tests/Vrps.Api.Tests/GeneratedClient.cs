using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace Vrps.Api.Tests;

/// <summary>A C# client generated from the live document by NSwag, compiled in memory by Roslyn.</summary>
internal static class GeneratedClient
{
    public static async Task<string> GenerateAsync(string document)
    {
        var openApi = await NSwag.OpenApiDocument.FromJsonAsync(document);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "VrpsClient",
            GenerateClientInterfaces = true,
            UseBaseUrl = true,
        };
        settings.CSharpGeneratorSettings.Namespace = "Vrps.Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        settings.CSharpGeneratorSettings.GenerateNullableReferenceTypes = true;
        return new CSharpClientGenerator(openApi, settings).GenerateFile();
    }

    /// <summary>The compiler's errors for <paramref name="code"/> against the running framework's assemblies.</summary>
    public static IReadOnlyList<Diagnostic> Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(static path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Vrps.Generated",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly);
        return [.. emitted.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)];
    }
}
