namespace Platform.Contracts.Inference;

/// <summary>
/// Inference applied a promotion: the model version is loaded and answers predictions for the
/// deployment. It closes a deployment's run (the <see cref="IPlatformMessage.CorrelationId"/> of the
/// promotion), so the portal can show the endpoint as live and a trace ends where serving begins.
/// </summary>
public sealed record ModelLoaded(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ModelVersionId,
    DateTimeOffset LoadedAt) : IPlatformMessage;
