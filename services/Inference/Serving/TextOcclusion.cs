using System.Globalization;
using Platform.Contracts.Api.Inference;

namespace Platform.Inference.Serving;

/// <summary>
/// Explains a text model's score word by word (ADR 32): each word is taken out of the text and the
/// text scored again; the word is credited what its absence took from the score (log-odds of the
/// explained class, or a regression's value). Words are runs of letters, digits and combining marks,
/// as the profile counts them; the first <see cref="MaxWords"/> of a text are explained. A credit
/// carries where the word is in the text (start and length, in UTF-16 characters), so a portal can
/// highlight it. The baseline is the empty text; what the shown words do not account for (their
/// interactions, the words not shown) is <c>other</c>, so the credits still add up to the score.
/// All rows of a request (each text, then each text less one word) are scored in one run.
/// </summary>
public static class TextOcclusion
{
    /// <summary>Each word costs a row: a transformer scores about 100 texts a second on one core.</summary>
    public const int MaxWords = 128;

    public static ExplanationResponse[] Explain(IScoringModel model, FeatureBatch batch, int top)
    {
        var signature = model.Signature;
        var column = Enumerable.Range(0, batch.Columns.Count).First(c => signature.TextInputs.Contains(batch.Columns[c].Name));
        var texts = ((CategoricalColumn)batch.Columns[column]).Values;
        var words = texts.Select(t => Words(t).Take(MaxWords).ToArray()).ToArray();

        // Row 0: every text empty (the baseline); then each instance, followed by it less each of its words.
        var rows = 1 + batch.Count + words.Sum(w => w.Length);
        var source = new int[rows];
        var occluded = new string[rows];
        occluded[0] = "";
        source[0] = 0;
        var first = new int[batch.Count];
        for (int i = 0, row = 1; i < batch.Count; i++)
        {
            first[i] = row;
            source[row] = i;
            occluded[row++] = texts[i];
            foreach (var (start, length) in words[i])
            {
                source[row] = i;
                occluded[row++] = string.Concat(texts[i].AsSpan(0, start), texts[i].AsSpan(start + length));
            }
        }
        var columns = batch.Columns.Select((c, k) => k == column ? new CategoricalColumn(c.Name, occluded) : Repeat(c, source)).ToArray();
        var scored = model.Score(new FeatureBatch(rows, columns));

        var explanations = new ExplanationResponse[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var explained = PredictionExplainer.Explained(signature, scored[first[i]].Label);
            var baseline = PredictionExplainer.Score(scored[0], explained, signature.IsRegression);
            var score = PredictionExplainer.Score(scored[first[i]], explained, signature.IsRegression);
            var credits = new double[words[i].Length];
            for (var w = 0; w < credits.Length; w++)
                credits[w] = score - PredictionExplainer.Score(scored[first[i] + 1 + w], explained, signature.IsRegression);
            var kept = Math.Min(top, credits.Length);
            var ranked = new int[kept];
            PredictionExplainer.TopBySize(credits, ranked);
            var shown = ranked.Select(w => new FeatureContribution(
                texts[i].Substring(words[i][w].Start, words[i][w].Length), credits[w], words[i][w].Start, words[i][w].Length)).ToArray();
            explanations[i] = new ExplanationResponse(explained, baseline, score, shown, score - baseline - shown.Sum(c => c.Contribution), PredictionExplainer.Occlusion, 0);
        }
        return explanations;
    }

    /// <summary>Where each word of <paramref name="text"/> is: runs of letters, digits and combining marks.</summary>
    public static IEnumerable<(int Start, int Length)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    /// <summary>Another input's column, each row taking its instance's value (the baseline row, instance 0's).</summary>
    private static FeatureColumn Repeat(FeatureColumn column, int[] source) => column switch
    {
        NumericColumn numeric => new NumericColumn(numeric.Name, [.. source.Select(i => numeric.Values[i])]),
        CategoricalColumn categorical => new CategoricalColumn(categorical.Name, [.. source.Select(i => categorical.Values[i])]),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "a column is numeric or categorical"),
    };
}
