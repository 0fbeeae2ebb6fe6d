namespace Platform.Inference.Domain;

/// <summary>What a request is checked against, cached in memory: the deployment, its key's SHA-256, and how its drift is watched.</summary>
public sealed record DeploymentCredentials(DeploymentKey Key, Guid DeploymentId, string ApiKeyPrefix, byte[] ApiKeyHash, Guid? ModelVersionId, int Revision)
{
    public DriftSettings Drift { get; init; } = DriftSettings.Default;

    /// <summary>Null while the deployment's registration has not arrived: nobody may call it yet.</summary>
    public static DeploymentCredentials? From(ServedDeployment d) =>
        d.DeploymentId is { } id && d.ApiKeySha256 is { } sha && d.ApiKeyPrefix is { } prefix
            ? new DeploymentCredentials(d.Key, id, prefix, Domain.ApiKeyHash.FromHex(sha), d.ModelVersionId, d.Revision) { Drift = d.Drift }
            : null;
}
