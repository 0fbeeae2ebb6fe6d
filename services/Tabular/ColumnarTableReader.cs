namespace Platform.Tabular;

/// <summary>
/// Builds a <see cref="ColumnarTable"/> in two passes over the records. The first finds each column's
/// type (numbers only, or text), its distinct texts and the row count, and reserves the exact bytes of
/// the arrays and texts from the budget before any is allocated; the second fills them and tags each
/// row. A column is numeric when every value it has is a number (<see cref="NumericCell.IsNumber"/>)
/// and it is not named as text. A column that turns to text after numbers learns those numbers' texts
/// in the second pass, each reserved as it is met.
/// </summary>
internal static class ColumnarTableReader
{
    public static ColumnarTable Read(Func<Stream> open, ColumnarReadOptions options)
    {
        Survey survey;
        using (var stream = open())
        {
            var reader = CsvTableReader.Open(stream);
            survey = Survey.Of(reader.Columns, reader.ReadRecords(), options);
        }
        using (var stream = open())
        {
            var reader = CsvTableReader.Open(stream);
            if (!reader.Columns.SequenceEqual(survey.Names, StringComparer.Ordinal))
                throw new InvalidDataException("The file's header changed between its two reads.");
            return survey.Fill(reader.ReadRecords(), options);
        }
    }

    public static ColumnarTable FromRows(IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows, ColumnarReadOptions options)
    {
        var records = rows.Select((values, i) => new CsvRecord(i + 2, values));
        return Survey.Of(columns, records, options).Fill(records, options);
    }

    /// <summary>What the first pass learns; <see cref="Fill"/> is the second.</summary>
    private sealed class Survey
    {
        private readonly ColumnState[] _columns;
        private readonly long _heldBefore;
        private long _tableBytes;

        private Survey(IReadOnlyList<string> names, IReadOnlyCollection<string> textColumns, long heldBefore)
        {
            Names = names;
            _columns = names.Select(n => new ColumnState(n, textColumns.Contains(n, StringComparer.Ordinal))).ToArray();
            _heldBefore = heldBefore;
        }

        public IReadOnlyList<string> Names { get; }
        private int Rows { get; set; }

        public static Survey Of(IReadOnlyList<string> names, IEnumerable<CsvRecord> records, ColumnarReadOptions options)
        {
            var budget = options.Budget;
            var survey = new Survey(names, options.TextColumns, budget.Reserved);
            long rows = 0, distinctBytes = 0;
            foreach (var record in records)
            {
                rows++;
                var values = record.Values;
                for (var c = 0; c < values.Length; c++)
                {
                    var cell = values[c];
                    if (cell is null) continue;
                    var column = survey._columns[c];
                    if (!column.IsText)
                    {
                        if (NumericCell.IsNumber(cell)) continue;
                        column.IsText = true;
                    }
                    if (!column.TryAdd(cell, out var bytes)) continue;
                    // The texts alone can pass the budget before the row count is known (an id column of free text).
                    distinctBytes += bytes;
                    if (distinctBytes > budget.Remaining)
                        throw budget.Refusal(
                            $"the dataset needs more than {MemoryBudget.InWholeMebibytes(distinctBytes)} as typed columns: by line {record.Row:N0} " +
                            $"its text columns hold {survey._columns.Sum(s => s.Categories.Count):N0} distinct values ('{column.Name}' {column.Categories.Count:N0})",
                            budget.Reserved);
                }
            }
            if (rows > Array.MaxLength)
                throw budget.Refusal($"the dataset has {rows:N0} rows, more than one job can index ({Array.MaxLength:N0})", budget.Reserved);
            survey.Rows = (int)rows;

            var need = survey._columns.Sum(s => s.IsText ? NumberColumn.SizeOf(rows) + NumberColumn.ArrayOverhead + s.TextBytes : NumberColumn.SizeOf(rows))
                + (options.Tagger is null ? 0 : NumberColumn.ArrayOverhead + rows);
            budget.Reserve(need, $"the dataset needs {MemoryBudget.InMebibytes(need)} as typed columns ({rows:N0} rows × {names.Count:N0} columns)");
            survey._tableBytes = need;
            return survey;
        }

        public ColumnarTable Fill(IEnumerable<CsvRecord> records, ColumnarReadOptions options)
        {
            var budget = options.Budget;
            var numbers = _columns.Select(s => s.IsText ? null : new float[Rows]).ToArray();
            var codes = _columns.Select(s => s.IsText ? new int[Rows] : null).ToArray();
            var tags = options.Tagger is null ? null : new byte[Rows];
            var r = 0;
            foreach (var record in records)
            {
                if (r == Rows) throw new InvalidDataException("The file has more rows than its first read found.");
                var values = record.Values;
                for (var c = 0; c < values.Length; c++)
                {
                    var cell = values[c];
                    if (numbers[c] is { } floats)
                    {
                        floats[r] = NumericCell.ToFloat(cell);
                        continue;
                    }
                    codes[c]![r] = cell is null ? -1 : CodeOf(_columns[c], cell, record.Row, budget);
                }
                if (tags is not null) tags[r] = options.Tagger!.Tag(values);
                r++;
            }
            if (r != Rows) throw new InvalidDataException("The file has fewer rows than its first read found.");

            var columns = _columns.Select((s, c) => s.IsText
                ? (TypedColumn)new CategoryColumn(s.Name, codes[c]!, s.Categories.ToArray())
                : new NumberColumn(s.Name, numbers[c]!)).ToArray();
            return new ColumnarTable(columns, Rows, tags, options.Tagger?.Key);
        }

        private int CodeOf(ColumnState column, string cell, long line, MemoryBudget budget)
        {
            if (column.Codes.TryGetValue(cell, out var code)) return code;
            // A number met before the column's first text: it becomes a category now.
            column.TryAdd(cell, out var bytes);
            if (bytes > budget.Remaining)
                throw budget.Refusal(
                    $"the dataset needs more than {MemoryBudget.InWholeMebibytes(_tableBytes + bytes)} as typed columns ({Rows:N0} rows × {_columns.Length:N0} columns; " +
                    $"'{column.Name}' has text after numbers, so by line {line:N0} its numbers are {column.Categories.Count:N0} distinct categories)",
                    _heldBefore);
            budget.Reserve(bytes, "");
            _tableBytes += bytes;
            return column.Codes[cell];
        }
    }

    private sealed class ColumnState(string name, bool text)
    {
        public string Name { get; } = name;
        public bool IsText { get; set; } = text;
        public Dictionary<string, int> Codes { get; } = new(StringComparer.Ordinal);
        public List<string> Categories { get; } = [];
        public long TextBytes { get; private set; }

        public bool TryAdd(string cell, out long bytes)
        {
            bytes = 0;
            if (!Codes.TryAdd(cell, Categories.Count)) return false;
            Categories.Add(cell);
            bytes = CategoryColumn.SizeOf(cell);
            TextBytes += bytes;
            return true;
        }
    }
}
