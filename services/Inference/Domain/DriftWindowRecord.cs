namespace Platform.Inference.Domain;

/// <summary>One closed drift window of a deployment: its rows, each feature's PSI, and the verdict.</summary>
public sealed class DriftWindowRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string DeploymentName { get; init; }
    public Guid ModelVersionId { get; init; }
    public DateTimeOffset WindowStart { get; init; }
    public DateTimeOffset WindowEnd { get; init; }
    public long Rows { get; init; }
    public Dictionary<string, double> Psi { get; init; } = [];
    public double MaxPsi { get; init; }
    public List<string> DriftedFeatures { get; init; } = [];
    /// <summary>This window opened a drift episode, and <c>DriftDetected</c> was published with it.</summary>
    public bool DriftDetected { get; init; }
}
