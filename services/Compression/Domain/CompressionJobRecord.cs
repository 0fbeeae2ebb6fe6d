namespace Platform.Compression.Domain;

/// <summary>
/// A finished compression of one model version, with the report of every variant. Keyed by the
/// model version: a redelivered command finds it and does no work twice.
/// </summary>
public sealed class CompressionJobRecord
{
    public Guid ModelVersionId { get; init; }
    public Guid TenantId { get; init; }
    public Guid CorrelationId { get; init; }
    public bool Succeeded { get; init; }
    public string? FailureReason { get; init; }
    public long BaselineBytes { get; init; }
    public double BaselineAuc { get; init; }
    public List<VariantReport> Variants { get; init; } = [];
    /// <summary>Why no variant was made (the model's family has nothing int8 applies to); null if one was.</summary>
    public string? NotMade { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
}

public sealed class VariantReport
{
    public required string Technique { get; init; }
    public required string ModelUri { get; init; }
    public long Bytes { get; init; }
    public double TestAuc { get; init; }
    public double AucDelta { get; init; }
    public double SizeRatio { get; init; }
    public double LatencyBatch1Ms { get; init; }
    public double LatencyBatch64Ms { get; init; }
}
