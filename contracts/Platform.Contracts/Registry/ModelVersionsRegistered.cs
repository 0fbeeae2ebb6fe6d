namespace Platform.Contracts.Registry;

/// <summary>
/// A run's model versions exist (its trained model and every compressed variant), whether or not
/// one of them was promoted: each can be scored by pinning its number or id on predict or on the
/// Open Inference Protocol's versioned routes, to compare a variant or a rejected challenger on
/// real traffic before trusting it. <see cref="InputTreatment"/> is their training data's treatment,
/// applied to a pinned request as to the promoted model's.
/// </summary>
public sealed record ModelVersionsRegistered(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    IReadOnlyList<RegisteredModelVersion> Versions,
    IReadOnlyList<Datasets.ColumnTreatment>? InputTreatment = null) : IPlatformMessage;

/// <summary>One version of a run: its number in the deployment (v3), its technique (fp32, int8, distilled…) and its file.</summary>
public sealed record RegisteredModelVersion(Guid ModelVersionId, int Number, string Technique, ArtifactReference Model);
