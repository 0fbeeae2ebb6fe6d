namespace Platform.Contracts.Compression;

public sealed record CompressionFailed(Guid TenantId, Guid CorrelationId, Guid ModelVersionId, string Reason) : IPlatformMessage;
