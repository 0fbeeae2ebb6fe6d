namespace Platform.Tabular;

/// <summary>
/// A table as typed columns: numbers as floats, everything else as codes into each column's distinct
/// texts (ADR 20). Read from a file in two streaming passes (<see cref="ColumnarTableReader"/>), so it
/// holds 4 bytes a cell and each distinct text once, never a row of strings, and it is refused from
/// its <see cref="MemoryBudget"/> before its arrays are allocated.
/// </summary>
public sealed class ColumnarTable
{
    private readonly TypedColumn[] _columns;
    private readonly byte[]? _tags;

    internal ColumnarTable(TypedColumn[] columns, int rowCount, byte[]? tags, string? tagKey)
    {
        _columns = columns;
        _tags = tags;
        RowCount = rowCount;
        RowTagKey = tagKey;
        ColumnNames = columns.Select(c => c.Name).ToArray();
    }

    public IReadOnlyList<TypedColumn> Columns => _columns;
    public IReadOnlyList<string> ColumnNames { get; }
    public int RowCount { get; }

    public TypedColumn this[int column] => _columns[column];

    /// <summary>The <see cref="RowTagger.Key"/> the rows were tagged with, or null when they were not.</summary>
    public string? RowTagKey { get; }

    public byte RowTag(int row) =>
        _tags is null ? throw new InvalidOperationException("The table was read without a row tagger.") : _tags[row];

    /// <summary>The bytes the columns and tags hold (<see cref="TypedColumn.Bytes"/>).</summary>
    public long Bytes => _columns.Sum(c => c.Bytes) + (_tags is null ? 0 : NumberColumn.ArrayOverhead + _tags.Length);

    public int ColumnIndex(string column) => Array.FindIndex(_columns, c => string.Equals(c.Name, column, StringComparison.Ordinal));

    /// <summary>Reads a CSV that <paramref name="open"/> opens afresh for each of the two passes.</summary>
    public static ColumnarTable Read(Func<Stream> open, ColumnarReadOptions? options = null) =>
        ColumnarTableReader.Read(open, options ?? new ColumnarReadOptions());

    /// <summary>Rows already in memory (tests and tools), typed as a file of them would be.</summary>
    public static ColumnarTable FromRows(IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows, ColumnarReadOptions? options = null) =>
        ColumnarTableReader.FromRows(columns, rows, options ?? new ColumnarReadOptions());
}
