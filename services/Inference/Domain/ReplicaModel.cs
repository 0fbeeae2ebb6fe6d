namespace Platform.Inference.Domain;

/// <summary>The model version one replica serves for a deployment (one row per replica and deployment).</summary>
public sealed class ReplicaModel
{
    public Guid ReplicaId { get; init; }
    public Guid TenantId { get; init; }
    public required string DeploymentName { get; init; }
    public Guid ModelVersionId { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}
