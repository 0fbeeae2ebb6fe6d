using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Platform.Tabular.Drift;

/// <summary>
/// How a feature is binned: a number by its value, a category by its value, free text by its length
/// in words (a text model's input: its distribution of lengths is what can be compared; ADR 32).
/// </summary>
public enum DriftFeatureKind { Numeric, Categorical, Text }

/// <summary>
/// One feature's distribution on the rows a model learned from, as bins that any later row falls
/// into: numeric values by the train deciles (open at both ends), categories by the most frequent
/// train values plus an "other" bin; the last bin of both holds missing values, so a change in
/// missingness is drift too. <see cref="Shares"/> are the train rows' shares of each bin.
/// </summary>
public sealed class FeatureReference
{
    public const int DefaultBins = 10;
    public const int DefaultMaxCategories = 20;
    private const int LinearScanCategories = 8;

    private readonly FrozenDictionary<string, int> _categoryIndex;

    [JsonConstructor]
    public FeatureReference(string name, DriftFeatureKind kind, double[] cuts, string[] categories, double[] shares)
    {
        Name = name;
        Kind = kind;
        Cuts = cuts;
        Categories = categories;
        Shares = shares;
        _categoryIndex = categories.Select((category, i) => KeyValuePair.Create(category, i)).ToFrozenDictionary(StringComparer.Ordinal);
        if (shares.Length != BinCount)
            throw new ArgumentException($"Feature '{name}' has {shares.Length} shares for {BinCount} bins.", nameof(shares));
    }

    public string Name { get; }
    public DriftFeatureKind Kind { get; }
    /// <summary>Ascending, distinct upper edges: bin i holds values ≤ Cuts[i]; the bin after the last cut holds the rest.</summary>
    public double[] Cuts { get; }
    public string[] Categories { get; }
    public double[] Shares { get; }

    /// <summary>Value bins, then the missing bin.</summary>
    [JsonIgnore]
    public int BinCount => (Kind == DriftFeatureKind.Categorical ? Categories.Length + 1 : Cuts.Length + 1) + 1;

    [JsonIgnore]
    public int MissingBin => BinCount - 1;

    public int BinOf(double value)
    {
        if (double.IsNaN(value)) return MissingBin;
        // The number of cuts below the value is the first cut ≥ it (cuts ascend). Nine cuts at most:
        // counting without branches beats a binary search's unpredictable jumps on every served value.
        var cuts = Cuts;
        var bin = 0;
        for (var i = 0; i < cuts.Length; i++) bin += value > cuts[i] ? 1 : 0;
        return bin;
    }

    public int BinOf(string? category)
    {
        if (string.IsNullOrEmpty(category)) return MissingBin;
        if (Kind == DriftFeatureKind.Text) return BinOf(TextProfiler.WordCount(category));
        // Most categorical inputs have a handful of values: comparing a few strings (length first)
        // is cheaper than hashing one.
        var categories = Categories;
        if (categories.Length <= LinearScanCategories)
        {
            for (var i = 0; i < categories.Length; i++)
                if (string.Equals(categories[i], category)) return i;
            return categories.Length;
        }
        return _categoryIndex.TryGetValue(category, out var index) ? index : categories.Length;
    }

    /// <summary>Deciles (by default) of the non-missing values as cuts; ties collapse, so a column of few values gets few bins.</summary>
    public static FeatureReference FitNumeric(string name, ReadOnlySpan<double> values, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var present = new double[values.Length];
        var n = 0;
        foreach (var v in values) if (!double.IsNaN(v)) present[n++] = v;
        Array.Sort(present, 0, n);

        var cuts = new List<double>(bins - 1);
        for (var k = 1; k < bins && n > 0; k++)
        {
            // Nearest rank: the smallest value with at least k/bins of the values at or below it.
            var cut = present[(int)Math.Ceiling((double)k * n / bins) - 1];
            if (cuts.Count == 0 || cut > cuts[^1]) cuts.Add(cut);
        }
        var reference = new FeatureReference(name, DriftFeatureKind.Numeric, [.. cuts], [], new double[cuts.Count + 2]);
        var counts = new long[reference.BinCount];
        foreach (var v in values) counts[reference.BinOf(v)]++;
        return reference.WithShares(counts);
    }

    /// <summary>Free text by its length in words: the deciles of the train texts' word counts (ADR 32).</summary>
    public static FeatureReference FitText(string name, IEnumerable<string?> values, int bins = DefaultBins)
    {
        var all = values.ToArray();
        var lengths = all.Where(v => !string.IsNullOrEmpty(v)).Select(v => (double)TextProfiler.WordCount(v!)).ToArray();
        var cuts = FitNumeric(name, lengths, bins).Cuts;
        var reference = new FeatureReference(name, DriftFeatureKind.Text, cuts, [], new double[cuts.Length + 2]);
        var counts = new long[reference.BinCount];
        foreach (var value in all) counts[reference.BinOf(value)]++;
        return reference.WithShares(counts);
    }

    /// <summary>The most frequent categories (ties by ordinal order, so refitting gives the same bins) and an "other" bin.</summary>
    public static FeatureReference FitCategorical(string name, IEnumerable<string?> values, int maxCategories = DefaultMaxCategories)
    {
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        var all = new List<string?>();
        foreach (var value in values)
        {
            all.Add(value);
            if (!string.IsNullOrEmpty(value)) frequencies[value] = frequencies.GetValueOrDefault(value) + 1;
        }
        var categories = frequencies.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(maxCategories).Select(kv => kv.Key).ToArray();
        var reference = new FeatureReference(name, DriftFeatureKind.Categorical, [], categories, new double[categories.Length + 2]);
        var counts = new long[reference.BinCount];
        foreach (var value in all) counts[reference.BinOf(value)]++;
        return reference.WithShares(counts);
    }

    private FeatureReference WithShares(long[] counts)
    {
        var total = counts.Sum();
        var shares = counts.Select(c => total == 0 ? 0.0 : (double)c / total).ToArray();
        return new FeatureReference(Name, Kind, Cuts, Categories, shares);
    }
}
