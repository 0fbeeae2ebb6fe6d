namespace Platform.Contracts.Inference;

/// <summary>
/// Feature drift on a deployment: the population stability index of <see cref="DriftedFeatures"/>
/// exceeded <see cref="Threshold"/> for the policy's number of consecutive windows. Published once
/// per episode; <see cref="PsiByFeature"/> is the window that opened it.
/// </summary>
public sealed record DriftDetected(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    IReadOnlyDictionary<string, double> PsiByFeature,
    IReadOnlyList<string> DriftedFeatures,
    double Threshold,
    long WindowRows,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd) : IPlatformMessage;
