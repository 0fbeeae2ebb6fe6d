namespace Platform.Tabular;

/// <summary>
/// How a <see cref="ColumnarTable"/> is read: the columns kept as text whatever they hold (a target,
/// whose labels compare as text: "1" is not "1.0"), the budget the table is reserved from, and an
/// optional tag computed from each row's raw cells while they stream past.
/// </summary>
public sealed record ColumnarReadOptions
{
    public IReadOnlyCollection<string> TextColumns { get; init; } = [];
    public MemoryBudget Budget { get; init; } = MemoryBudget.Unlimited();
    public RowTagger? Tagger { get; init; }
}

/// <summary>
/// A byte per row from its raw cells (e.g. its split partition, which hashes the cell text a typed
/// column no longer has); <paramref name="Key"/> names the function, so a reader of the tags can check
/// they are the ones it means.
/// </summary>
public sealed record RowTagger(string Key, Func<IReadOnlyList<string?>, byte> Tag);
