using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vrps.Interfaces;

/// <summary>
/// One JSON shape for stored state, events, index rows and the records crossing grain boundaries, so all of them read
/// the same: web naming, every member written, enums as snake_case strings.
/// </summary>
public static class VrpsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
