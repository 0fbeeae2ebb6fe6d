using Platform.Contracts.Inference;

namespace Platform.Inference.Domain;

/// <summary>
/// Predictions served by one request, committed before the response leaves, together with the
/// <see cref="PredictionsServed"/> event that bills them (outbox): nothing is served unbilled.
/// </summary>
public sealed class UsageRecord
{
    public Guid UsageId { get; init; }
    public Guid TenantId { get; init; }
    public Guid DeploymentId { get; init; }
    public required string DeploymentName { get; init; }
    public Guid ModelVersionId { get; init; }
    public int Predictions { get; init; }
    public DateTimeOffset ServedAt { get; init; }

    public static UsageRecord For(DeploymentCredentials deployment, Guid modelVersionId, int predictions, DateTimeOffset servedAt) => new()
    {
        UsageId = Guid.CreateVersion7(servedAt),
        TenantId = deployment.Key.TenantId,
        DeploymentId = deployment.DeploymentId,
        DeploymentName = deployment.Key.Name,
        ModelVersionId = modelVersionId,
        Predictions = predictions,
        ServedAt = servedAt,
    };

    /// <summary>The billing event: a window of one request, correlated with the deployment.</summary>
    public PredictionsServed ToEvent() =>
        new(TenantId, DeploymentId, UsageId, DeploymentName, ModelVersionId, Predictions, ServedAt, ServedAt);
}
