namespace Platform.Contracts.Compression;

/// <summary>
/// The variants made; <see cref="ChampionMetrics"/> are the champion's on the same test rows, when one
/// was sent; <see cref="NotMade"/> says why no variant was made, when none was (the model's family).
/// </summary>
public sealed record ModelCompressed(
    Guid TenantId,
    Guid CorrelationId,
    Guid ModelVersionId,
    IReadOnlyList<CompressedVariant> Variants,
    IReadOnlyDictionary<string, double>? ChampionMetrics = null,
    string? NotMade = null) : IPlatformMessage;
