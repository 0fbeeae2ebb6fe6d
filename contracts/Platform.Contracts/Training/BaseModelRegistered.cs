namespace Platform.Contracts.Training;

/// <summary>
/// A pretrained model a package ships can be fine-tuned here (ADR 32): Training announces each one
/// it holds as it starts, and the registry keeps the catalog. Platform-wide, not a tenant's:
/// <see cref="TenantId"/> is <see cref="Guid.Empty"/>. <see cref="Bytes"/> and <see cref="Parameters"/>
/// are counted from the file; <see cref="Tokenizer"/> names its tokenizer and
/// <see cref="VocabularySize"/> its vocabulary.
/// </summary>
public sealed record BaseModelRegistered(
    Guid TenantId,
    Guid CorrelationId,
    string Name,
    string Kind,
    string Licence,
    string Source,
    string Tokenizer,
    int VocabularySize,
    long Parameters,
    long Bytes,
    int Layers,
    int Hidden) : IPlatformMessage;
