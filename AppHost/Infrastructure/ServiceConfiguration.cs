using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// Settings the AppHost hands to one host: <c>--Platform:Services:inference:Inference:Reconciliation:SettleDelay=00:00:02</c>
/// becomes the inference host's <c>Inference__Reconciliation__SettleDelay</c>. The system tests set
/// their short intervals this way, on the platform they start, without touching the defaults.
/// </summary>
public static class ServiceConfiguration
{
    public const string Section = "Platform:Services";

    public static IReadOnlyList<KeyValuePair<string, string>> For(IConfiguration configuration, string service) =>
        [.. configuration.GetSection($"{Section}:{service}").AsEnumerable(makePathsRelative: true)
            .Where(setting => setting.Value is not null)
            .Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value!))];
}
