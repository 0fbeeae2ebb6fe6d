namespace Platform.Contracts.Compression;

public sealed record ModelCompressed(
    Guid TenantId,
    Guid CorrelationId,
    Guid ModelVersionId,
    IReadOnlyList<CompressedVariant> Variants) : IPlatformMessage;
