namespace Platform.Contracts.Api.Inference;

/// <summary>
/// A deployment as one Inference replica serves it. <see cref="Loaded"/>: this replica serves the
/// promoted version (not an older one, not nothing); <see cref="Drift"/>: how its traffic is watched.
/// </summary>
public sealed record ServedDeploymentResponse(
    string Name, Guid? DeploymentId, IReadOnlyList<string> ApiKeyPrefixes, Guid? ModelVersionId, bool Loaded, Guid? LoadedModelVersionId, DateTimeOffset? PromotedAt,
    DriftSettingsResponse Drift);

/// <summary>
/// A drift window closes after <see cref="WindowRows"/> rows or <see cref="WindowSeconds"/> seconds;
/// a feature drifts when its PSI exceeds <see cref="PsiThreshold"/> in <see cref="ConsecutiveWindows"/> windows in a row.
/// </summary>
public sealed record DriftSettingsResponse(double PsiThreshold, int ConsecutiveWindows, int WindowRows, int WindowSeconds);
