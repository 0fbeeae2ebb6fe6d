namespace Platform.Tabular;

/// <summary>
/// Input over one of the reader's <see cref="CsvLimits"/>, located like any format error:
/// <see cref="Limit"/> is the name of the <see cref="CsvLimits"/> property, <see cref="Maximum"/> its value.
/// </summary>
public sealed class CsvLimitException(long row, string? column, string reason, string limit, long maximum)
    : CsvFormatException(row, column, reason)
{
    public string Limit { get; } = limit;
    public long Maximum { get; } = maximum;
}
