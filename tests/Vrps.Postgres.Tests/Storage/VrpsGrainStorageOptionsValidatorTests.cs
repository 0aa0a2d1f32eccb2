using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Storage;

public sealed class VrpsGrainStorageOptionsValidatorTests
{
    private readonly VrpsGrainStorageOptionsValidator validator = new();

    [Fact]
    public void Validate_ConnectionStringAndDefaults_Succeeds()
    {
        var result = validator.Validate("vrps", new VrpsGrainStorageOptions { ConnectionString = "Host=localhost" });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(VrpsGrainStorageOptionsValidator.MaxBatchSizeLimit + 1)]
    public void Validate_MaxBatchSizeOutOfRange_Fails(int maxBatchSize)
    {
        var result = validator.Validate("vrps", new VrpsGrainStorageOptions { ConnectionString = "Host=localhost", MaxBatchSize = maxBatchSize });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Validate_NeitherConnectionStringNorDataSource_Fails()
    {
        var result = validator.Validate("vrps", new VrpsGrainStorageOptions());

        Assert.True(result.Failed);
    }
}
