namespace Platform.Portal.Services.Models;

// Ingestion's API responses as the portal reads them.

public sealed record DatasetVersionInfo(
    Guid Id, string Dataset, int Number, string Sha256, long SizeBytes, DateTimeOffset CreatedAt,
    long Rows, int Columns, string? TargetColumn, string? TraceId);

public sealed record NumericSummary(double Min, double Max, double Mean, double StdDev);

public sealed record CategoryCount(string Value, long Count);

public sealed record HistogramBin(double Lower, double Upper, long Count);

/// <summary><see cref="Kind"/> is Numeric, Boolean, Categorical or Text.</summary>
public sealed record ColumnProfile(
    string Name, string Kind, bool Nullable, long Count, long Missing, long Distinct, bool DistinctCapped,
    NumericSummary? Numeric, IReadOnlyList<HistogramBin> Histogram, IReadOnlyList<CategoryCount> TopCategories)
{
    public bool IsNumeric => Kind == "Numeric";
    /// <summary><see cref="Count"/> counts the present values, so the rows are present plus missing.</summary>
    public double MissingShare => Count + Missing == 0 ? 0 : (double)Missing / (Count + Missing);
}

public sealed record DatasetProfile(string Dataset, int Version, string? TargetColumn, long Rows, IReadOnlyList<ColumnProfile> Columns);
