namespace Platform.Contracts.Registry;

/// <summary>
/// The drift settings of a deployment's retraining policy, for the services that watch it;
/// <see cref="ChangedAt"/> orders them, so a redelivered older change never undoes a newer one.
/// </summary>
public sealed record RetrainingPolicyChanged(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    double PsiThreshold,
    int ConsecutiveWindows,
    int WindowRows,
    int WindowSeconds,
    DateTimeOffset ChangedAt) : IPlatformMessage;
