using System.Globalization;

namespace Platform.Tabular;

/// <summary>Summarises a free-text column's values (<see cref="TextSummary"/>).</summary>
public static class TextProfiler
{
    public const int TopWordCount = 20;
    public const int LengthBins = 20;

    // Function words of English: they top every English text and say nothing of what it is about.
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "but", "by",
        "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i",
        "if", "in", "into", "is", "it", "its", "just", "me", "more", "my", "no", "not", "of", "on", "one", "only", "or", "other",
        "our", "out", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to",
        "too", "up", "us", "very", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
        "s", "t", "don", "ve", "ll", "re", "m", "d",
    };

    /// <param name="values">Each distinct value and how often it came, personal data in it already masked (the words shown come from them).</param>
    /// <param name="sampled">The values are those kept of a longer column.</param>
    public static TextSummary Summarise(IEnumerable<(string Value, long Count)> values, bool sampled)
    {
        var words = new Dictionary<string, long>(StringComparer.Ordinal);
        var lengths = new List<(int Words, long Count)>();
        long total = 0, totalWords = 0;
        foreach (var (value, count) in values)
        {
            var n = 0;
            foreach (var word in Words(value))
            {
                n++;
                words[word] = words.GetValueOrDefault(word) + count;
            }
            lengths.Add((n, count));
            total += count;
            totalWords += n * count;
        }
        var max = lengths.Count == 0 ? 0 : lengths.Max(l => l.Words);
        var top = words.Where(w => !FunctionWords.Contains(w.Key))
            .OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Take(TopWordCount)
            .Select(w => new CategoryCount(w.Key, w.Value)).ToArray();
        return new TextSummary(total, sampled, total == 0 ? 0 : (double)totalWords / total, max, Histogram(lengths, max), words.Count, top);
    }

    /// <summary>How many <see cref="Words"/> a text has, counted without making them (drift counts every served text's).</summary>
    public static int WordCount(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWord = IsWordCharacter(c);
            if (isWord && !inWord) count++;
            inWord = isWord;
        }
        return count;
    }

    /// <summary>The words of a text: maximal runs of letters, digits and combining marks, lower-cased.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordCharacter(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark;

    /// <summary>Equal-width bins of whole word counts from 0 to <paramref name="max"/> (one bin a count when there are few).</summary>
    private static HistogramBin[] Histogram(List<(int Words, long Count)> lengths, int max)
    {
        if (lengths.Count == 0) return [];
        var width = Math.Max(1, (int)Math.Ceiling((max + 1) / (double)LengthBins));
        var bins = (max / width) + 1;
        var counts = new long[bins];
        foreach (var (n, count) in lengths) counts[n / width] += count;
        return [.. counts.Select((c, b) => new HistogramBin(b * width, Math.Min(max, (b + 1) * width - 1), c))];
    }
}
