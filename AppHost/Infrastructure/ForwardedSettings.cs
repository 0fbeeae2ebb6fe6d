using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// Settings every service reads that the AppHost takes from its own configuration
/// (<c>./platform up --Messaging:Redelivery:Intervals:0=00:01:00</c>, or its environment) and hands
/// to each host, the gateway too, as environment variables: one place to set them for the whole platform
/// (<c>--Telemetry:MaxTracesPerSecond=0</c> keeps every trace everywhere, ADR 36).
/// </summary>
public static class ForwardedSettings
{
    public static readonly IReadOnlyList<string> Sections = ["Messaging", "Telemetry"];

    /// <summary>Each setting as an environment variable (<c>Messaging__Redelivery__Intervals__0</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> From(IConfiguration configuration) =>
        Sections.SelectMany(section => configuration.GetSection(section).AsEnumerable())
            .Where(setting => setting.Value is not null)
            .Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value!));
}
