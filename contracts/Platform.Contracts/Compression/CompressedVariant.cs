namespace Platform.Contracts.Compression;

/// <summary>One compressed variant and what it cost against the original.</summary>
public sealed record CompressedVariant(
    string Technique,
    ArtifactReference Model,
    IReadOnlyDictionary<string, double> Metrics,
    double MetricDelta,
    double LatencyBatch1Ms,
    double LatencyBatch64Ms);
