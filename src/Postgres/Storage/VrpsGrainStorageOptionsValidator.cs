using Microsoft.Extensions.Options;

namespace Vrps.Postgres.Storage;

internal sealed class VrpsGrainStorageOptionsValidator : IValidateOptions<VrpsGrainStorageOptions>
{
    public const int MaxBatchSizeLimit = 10_000;

    public ValidateOptionsResult Validate(string? name, VrpsGrainStorageOptions options)
    {
        var failures = new List<string>();
        if (options.DataSource is null && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"Grain storage '{name}': set {nameof(options.ConnectionString)} or {nameof(options.DataSource)}.");
        }

        if (options.MaxBatchSize is < 1 or > MaxBatchSizeLimit)
        {
            failures.Add($"Grain storage '{name}': {nameof(options.MaxBatchSize)} must be between 1 and {MaxBatchSizeLimit}, not {options.MaxBatchSize}.");
        }

        if (options.JsonSerializerOptions is null)
        {
            failures.Add($"Grain storage '{name}': {nameof(options.JsonSerializerOptions)} must be set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
