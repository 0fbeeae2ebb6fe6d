namespace Platform.Tabular;

/// <summary>Population statistics of a numeric column's present values.</summary>
public sealed record NumericSummary(double Min, double Max, double Mean, double StdDev);

public sealed record CategoryCount(string Value, long Count);

/// <summary>An equal-width bin of a numeric column; counts are scaled to all present values when they come from a sample.</summary>
public sealed record HistogramBin(double Lower, double Upper, long Count);

/// <summary>
/// What one pass learned about a column. <see cref="Distinct"/> stops counting new values at
/// <see cref="DatasetProfiler.MaxTrackedValues"/>, or earlier in a file of very many or very long
/// values (the columns share the profiler's budget); then <see cref="DistinctCapped"/> is true.
/// </summary>
public sealed record ColumnProfile(
    string Name,
    ColumnKind Kind,
    bool Nullable,
    long Count,
    long Missing,
    long Distinct,
    bool DistinctCapped,
    NumericSummary? Numeric,
    IReadOnlyList<HistogramBin> Histogram,
    IReadOnlyList<CategoryCount> TopCategories,
    IReadOnlyList<Privacy.PersonalDataFinding>? PersonalData = null,
    TextSummary? Text = null);

public sealed record DatasetProfile(long Rows, IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>An image dataset's own profile (classes, sizes, thumbnails); null for a table.</summary>
    public Images.ImageSetProfile? Images { get; init; }

    public IReadOnlyList<ColumnSchema> Schema() => Columns.Select(c => new ColumnSchema(c.Name, c.Kind, c.Nullable)).ToArray();
}
