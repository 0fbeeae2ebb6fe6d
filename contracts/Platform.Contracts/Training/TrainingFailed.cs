namespace Platform.Contracts.Training;

public sealed record TrainingFailed(Guid TenantId, Guid CorrelationId, Guid TrainingRunId, string Reason) : IPlatformMessage;
