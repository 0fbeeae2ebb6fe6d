namespace Platform.Contracts.Registry;

/// <summary>
/// A deployment exists. Who may call it follows in <see cref="DeploymentKeysChanged"/>: its first API
/// key was shown once to its creator and is stored nowhere, only its SHA-256.
/// </summary>
public sealed record DeploymentCreated(
    Guid TenantId,
    Guid CorrelationId,
    Guid DeploymentId,
    string DeploymentName,
    string Solution) : IPlatformMessage;
