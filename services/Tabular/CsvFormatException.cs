namespace Platform.Tabular;

/// <summary>Input that is not well-formed CSV, located: the row (the header is row 1), the column when known, why.</summary>
public class CsvFormatException(long row, string? column, string reason)
    : Exception($"row {row}{(column is null ? "" : $", column '{column}'")}: {reason}")
{
    public long Row { get; } = row;
    public string? Column { get; } = column;
    public string Reason { get; } = reason;
}
