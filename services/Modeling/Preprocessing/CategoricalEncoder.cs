namespace Platform.Modeling.Preprocessing;

/// <summary>
/// One-hot over the categories seen often enough in the train split, plus a last "other" slot for
/// rare and unseen values. Missing values take the train mode.
/// </summary>
public sealed record CategoricalEncoder(string Column, int SourceIndex, IReadOnlyList<string> Categories, string Mode)
    : FeatureEncoder(Column, SourceIndex)
{
    public const int MaxCategories = 64;

    public override int Width => Categories.Count + 1;

    public int IndexOf(string? cell)
    {
        var value = cell ?? Mode;
        for (var i = 0; i < Categories.Count; i++)
            if (string.Equals(Categories[i], value, StringComparison.Ordinal)) return i;
        return Categories.Count;
    }

    public static CategoricalEncoder Fit(string column, int sourceIndex, Dictionary<string, int> trainCounts, int trainRows)
    {
        // A category needs a few rows to be learned from; rarer ones share the "other" slot.
        var minimum = Math.Max(3, (int)Math.Ceiling(trainRows * 0.002));
        var ranked = trainCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        var categories = ranked.Where(kv => kv.Value >= minimum).Take(MaxCategories).Select(kv => kv.Key).ToArray();
        var mode = ranked.Length > 0 ? ranked[0].Key : "";
        return new CategoricalEncoder(column, sourceIndex, categories, mode);
    }
}
