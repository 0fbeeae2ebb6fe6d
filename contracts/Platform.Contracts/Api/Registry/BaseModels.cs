namespace Platform.Contracts.Api.Registry;

/// <summary>
/// A pretrained model in the registry's catalog (ADR 32): what it is (<see cref="Kind"/>, e.g. a
/// text encoder), under which licence, from which package, its size and tokenizer. A fine-tuned
/// model names it as its base, the root of its lineage.
/// </summary>
public sealed record BaseModelResponse(
    string Name, string Kind, string Licence, string Source, string Tokenizer, int VocabularySize,
    long Parameters, long Bytes, int Layers, int Hidden, DateTimeOffset RegisteredAt);
