using System.Text.Json;
using Platform.Contracts;

namespace Platform.Demo;

/// <summary>Where each host listens: read from the <c>endpoints.json</c> the AppHost writes once everything is healthy.</summary>
public sealed record PlatformEndpoints(IReadOnlyDictionary<string, Uri> Hosts)
{
    public Uri this[string service] =>
        Hosts.TryGetValue(service, out var uri) ? uri : throw new InvalidOperationException($"No endpoint for '{service}'.");

    /// <summary>Where a customer calls a service's public API: the gateway when there is one, else the service itself.</summary>
    public Uri Public(string service) => Hosts.TryGetValue(ResourceNames.Gateway, out var gateway) ? gateway : this[service];

    public static PlatformEndpoints Load(string file)
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
            ?? throw new InvalidDataException($"{file} is empty.");
        return new(map.Where(e => ResourceNames.Services.Contains(e.Key) || e.Key == ResourceNames.Gateway).ToDictionary(e => e.Key, e => new Uri(e.Value)));
    }
}
