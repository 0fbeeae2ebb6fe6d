namespace Platform.Contracts.Compression;

/// <summary>
/// One compressed variant and what it cost against the original, measured on the same test rows:
/// <see cref="MetricDelta"/> is variant ROC-AUC minus original ROC-AUC, sizes are file bytes,
/// latencies are in-process medians at batch 1 and 64; <see cref="Family"/> is the variant file's own
/// model family (a distilled student is an MLP whatever its teacher; null from an older worker: its parent's).
/// </summary>
public sealed record CompressedVariant(
    string Technique,
    ArtifactReference Model,
    IReadOnlyDictionary<string, double> Metrics,
    double MetricDelta,
    double SizeRatio,
    double LatencyBatch1Ms,
    double LatencyBatch64Ms,
    double BaselineLatencyBatch1Ms,
    double BaselineLatencyBatch64Ms,
    string? Family = null);
