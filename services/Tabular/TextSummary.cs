namespace Platform.Tabular;

/// <summary>
/// What a free-text column holds, for the profile: how long its values are in words, how many
/// distinct words it uses and which come most often (common English function words left out, so
/// that what the texts are about shows). Computed from the distinct values the profiler kept, each
/// weighted by how often it came; when the profiler stopped keeping new values (a very long column)
/// the figures cover the <see cref="Values"/> values kept and <see cref="Sampled"/> is true.
/// </summary>
/// <param name="Values">How many values (with repeats) the figures cover.</param>
/// <param name="Words">Values by their number of words: each bin counts the values of <c>Lower</c> to <c>Upper</c> words, both included.</param>
/// <param name="Vocabulary">Distinct words (lower-cased runs of letters and digits).</param>
/// <param name="TopWords">The most frequent words but function words, with how often they came; values holding personal data are masked before their words are counted.</param>
public sealed record TextSummary(
    long Values,
    bool Sampled,
    double MeanWords,
    int MaxWords,
    IReadOnlyList<HistogramBin> Words,
    long Vocabulary,
    IReadOnlyList<CategoryCount> TopWords);
