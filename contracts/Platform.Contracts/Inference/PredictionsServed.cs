namespace Platform.Contracts.Inference;

/// <summary>Usage for a window of served requests; <see cref="UsageId"/> is applied exactly once by billing.</summary>
public sealed record PredictionsServed(
    Guid TenantId,
    Guid CorrelationId,
    Guid UsageId,
    string DeploymentName,
    Guid ModelVersionId,
    long Predictions,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd) : IPlatformMessage;
