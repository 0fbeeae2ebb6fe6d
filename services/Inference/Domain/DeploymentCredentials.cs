namespace Platform.Inference.Domain;

/// <summary>
/// What a request is checked against, cached in memory: the deployment, its API keys' hashes and
/// how its drift is watched. <see cref="Revision"/> orders the row's states, <see cref="KeysRevision"/>
/// the registry's key sets (they may arrive on their own, ahead of the row).
/// </summary>
public sealed record DeploymentCredentials(
    DeploymentKey Key, Guid DeploymentId, IReadOnlyList<CredentialKey> Keys, int KeysRevision, Guid? ModelVersionId, int Revision)
{
    public DriftSettings Drift { get; init; } = DriftSettings.Default;

    /// <summary>When the drift settings held were changed in the registry (orders them when heard before the row).</summary>
    public DateTimeOffset? DriftChangedAt { get; init; }

    /// <summary>Null while the deployment's registration has not arrived: nobody may call it yet.</summary>
    public static DeploymentCredentials? From(ServedDeployment d) =>
        d.DeploymentId is { } id
            ? new DeploymentCredentials(d.Key, id, d.ApiKeys.Select(CredentialKey.From).ToArray(), d.KeysRevision, d.ModelVersionId, d.Revision) { Drift = d.Drift, DriftChangedAt = d.DriftChangedAt }
            : null;

    /// <summary>This state with the newer of each part: the row's fields by <see cref="Revision"/>, the keys by <see cref="KeysRevision"/>.</summary>
    public DeploymentCredentials Newest(DeploymentCredentials other)
    {
        var row = other.Revision > Revision ? other : this;
        var keys = other.KeysRevision > KeysRevision ? other : this;
        return ReferenceEquals(row, keys) ? row : row with { Keys = keys.Keys, KeysRevision = keys.KeysRevision };
    }
}

/// <summary>One API key of a deployment, as a request is checked against it.</summary>
public sealed record CredentialKey(Guid Id, string Prefix, ApiKeyHash Hash, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static CredentialKey From(ServedApiKey key) =>
        new(key.KeyId, key.Prefix, ApiKeyHash.FromHex(key.Sha256), key.Scopes, key.ExpiresAt, key.RevokedAt);
}
