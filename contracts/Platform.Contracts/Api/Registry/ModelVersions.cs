using Platform.Contracts.Training;

namespace Platform.Contracts.Api.Registry;

/// <summary>
/// One model file and its lineage. <see cref="Stage"/> is the registry's stage by name (Candidate,
/// Production, Archived, Rejected); <see cref="Reference"/> is the drift baseline Inference serves it with;
/// <see cref="PromotionRefusal"/> says why the promotion policy would not let it serve (ADR 15), if it would not;
/// <see cref="Family"/> is its model family and <see cref="Candidates"/> the families its run compared on validation (ADR 22);
/// <see cref="BaseModel"/> the pretrained model it was fine-tuned from, a variant's too (ADR 32).
/// </summary>
public sealed record ModelVersionResponse(
    Guid Id, Guid DeploymentId, int Number, string Technique, string Stage, Guid? ParentVersionId,
    Guid DatasetVersionId, Guid RunId, ModelSpec Spec, ArtifactReference Artifact,
    IReadOnlyDictionary<string, double> Metrics, double TestAuc, CompressionReportResponse? Compression,
    DateTimeOffset CreatedAt, DateTimeOffset? PromotedAt, IReadOnlyDictionary<string, double> FeatureImportance, ArtifactReference? Reference,
    string? PromotionRefusal = null, string Family = "mlp", IReadOnlyList<CandidateScore>? Candidates = null, string? BaseModel = null);

/// <summary>What a compression technique cost, against its parent, on the same test rows.</summary>
public sealed record CompressionReportResponse(
    double SizeRatio, double AucDelta, double LatencyBatch1Ms, double LatencyBatch64Ms,
    double BaselineLatencyBatch1Ms, double BaselineLatencyBatch64Ms);
