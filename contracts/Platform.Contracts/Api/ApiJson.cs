using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Contracts.Api;

/// <summary>
/// How the services write their APIs' JSON and how the portal reads it: the web defaults (camelCase,
/// case-insensitive reads) with enums by name ("Numeric", not 2), so a client does not depend on
/// declaration order. One definition, so the two sides cannot disagree.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Adds what the API's JSON needs beyond the web defaults to options a host already has.</summary>
    public static void Configure(JsonSerializerOptions options) => options.Converters.Add(new JsonStringEnumConverter());

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
