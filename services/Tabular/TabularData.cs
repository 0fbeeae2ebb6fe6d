namespace Platform.Tabular;

/// <summary>
/// A table as read from a file: named columns and raw cell text, <c>null</c> where a value is
/// missing. Tools and tests read the small files they choose this way; Training and Compression read
/// a <see cref="ColumnarTable"/> within a memory budget instead (ADR 20).
/// </summary>
public sealed record TabularData(IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows)
{
    public int ColumnIndex(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i], column, StringComparison.Ordinal)) return i;
        return -1;
    }
}
