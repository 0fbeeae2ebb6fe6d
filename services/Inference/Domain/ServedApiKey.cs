using Platform.Contracts.Registry;

namespace Platform.Inference.Domain;

/// <summary>One of a deployment's API keys as Inference keeps it (in the deployment's row, as JSON): its SHA-256, never the key.</summary>
public sealed class ServedApiKey
{
    public Guid KeyId { get; init; }
    public required string Prefix { get; init; }
    public required string Sha256 { get; init; }
    public required string[] Scopes { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public static ServedApiKey From(ApiKeyState key) => ApiKeyHash.IsWellFormed(key.Sha256)
        ? new ServedApiKey
        {
            KeyId = key.KeyId, Prefix = key.Prefix, Sha256 = key.Sha256.ToLowerInvariant(), Scopes = [.. key.Scopes],
            ExpiresAt = key.ExpiresAt, RevokedAt = key.RevokedAt,
        }
        : throw new ArgumentException($"API key {key.Prefix}…: the hash is not a hex SHA-256.", nameof(key));
}
