using Platform.Contracts;

namespace Platform.Registry.Domain;

/// <summary>
/// One model file and its lineage: the dataset version and spec it was learned from, the run that
/// made it, the version it was compressed from, its test metrics and, for a variant, what
/// compression cost.
/// </summary>
public sealed class ModelVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid DeploymentId { get; init; }
    public int Number { get; set; }
    public required string Technique { get; init; }
    /// <summary>The model family (mlp, boosted-trees, logistic-regression); a variant keeps its parent's.</summary>
    public string Family { get; init; } = "mlp";
    /// <summary>The pretrained model (a <see cref="BaseModel"/> of the catalog) it was fine-tuned from; a variant keeps its parent's.</summary>
    public string? BaseModel { get; init; }
    /// <summary>Every family the run compared on validation; empty for a compressed variant.</summary>
    public List<FamilyCandidate> Candidates { get; init; } = [];
    public Guid? ParentVersionId { get; init; }
    public Guid DatasetVersionId { get; init; }
    public Guid RunId { get; init; }
    public required SpecColumns Spec { get; init; }
    public required string ArtifactUri { get; init; }
    public required string ArtifactSha256 { get; init; }
    public long SizeBytes { get; init; }
    public Dictionary<string, double> Metrics { get; init; } = [];
    public double TestAuc { get; init; }
    public CompressionReport? Compression { get; init; }
    /// <summary>The train rows' per-feature bins (the drift baseline Inference serves the model with).</summary>
    public string? ReferenceUri { get; init; }
    public string? ReferenceSha256 { get; init; }
    public long? ReferenceSizeBytes { get; init; }
    /// <summary>Test ROC-AUC lost when each input is shuffled: which columns the model leans on.</summary>
    public Dictionary<string, double> FeatureImportance { get; init; } = [];
    public ModelStage Stage { get; set; }
    /// <summary>Why the promotion policy would not let this version serve (slower or larger than its parent, over the accuracy budget); null if it could.</summary>
    public string? PromotionRefusal { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PromotedAt { get; set; }

    public ArtifactReference Artifact => new(ArtifactUri, ArtifactSha256, SizeBytes);

    public ArtifactReference? Reference =>
        ReferenceUri is null || ReferenceSha256 is null ? null : new ArtifactReference(ReferenceUri, ReferenceSha256, ReferenceSizeBytes ?? 0);
}

/// <summary>What a compression technique cost, against its parent, on the same test rows.</summary>
public sealed class CompressionReport
{
    public double SizeRatio { get; init; }
    public double AucDelta { get; init; }
    public double LatencyBatch1Ms { get; init; }
    public double LatencyBatch64Ms { get; init; }
    public double BaselineLatencyBatch1Ms { get; init; }
    public double BaselineLatencyBatch64Ms { get; init; }
}
