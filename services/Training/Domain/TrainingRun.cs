namespace Platform.Training.Domain;

/// <summary>
/// A finished training run: its id is the <c>TrainingRunId</c> of the command, so a redelivered
/// command finds it and does not train again.
/// </summary>
public sealed class TrainingRun
{
    public Guid Id { get; init; }
    public Guid TenantId { get; init; }
    public Guid CorrelationId { get; init; }
    public Guid DatasetVersionId { get; init; }
    public required string TargetColumn { get; init; }
    /// <summary>Null for multiclass.</summary>
    public string? PositiveClass { get; init; }
    public bool Succeeded { get; init; }
    public string? FailureReason { get; init; }
    public string? ModelUri { get; init; }
    public string? ModelSha256 { get; init; }
    public long ModelBytes { get; init; }
    public Dictionary<string, double> Metrics { get; init; } = [];
    /// <summary>Epochs for a network, trees for boosted trees.</summary>
    public int Epochs { get; init; }
    /// <summary>The family chosen on validation ROC-AUC; null for a failed run.</summary>
    public string? Family { get; init; }
    /// <summary>Every family the run trained, with its validation and test scores.</summary>
    public List<FamilyCandidate> Candidates { get; init; } = [];
    public int TrainRows { get; init; }
    public int ValidationRows { get; init; }
    public int TestRows { get; init; }
    public double ParityMaxAbsDelta { get; init; }
    public double DurationSeconds { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
}
