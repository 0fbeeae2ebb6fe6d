using System.Collections.Concurrent;

namespace Platform.Portal.Services;

/// <summary>
/// A deployment's API key exists in clear only in the answer that created it. The portal keeps it
/// for the rest of the user's circuit (to show it once and to fill the try-it form), in memory
/// only, and forgets it with the circuit.
/// </summary>
public sealed class RevealedApiKeys
{
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);

    public void Remember(string deployment, string apiKey) => _keys[deployment] = apiKey;

    public string? Find(string deployment) => _keys.GetValueOrDefault(deployment);
}
