namespace Platform.Registry.Domain;

/// <summary>
/// One finished epoch of a run's training, kept so the whole loss/AUC curve can be drawn, also by a
/// page opened mid-training. The run itself only shows the latest epoch.
/// </summary>
public sealed class RunEpoch
{
    public Guid TenantId { get; init; }
    public Guid RunId { get; init; }
    public int Epoch { get; init; }
    public double TrainLoss { get; init; }
    public double ValidationLoss { get; init; }
    public double ValidationAuc { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
