using System.Text;
using Platform.Contracts.Datasets;

namespace Platform.Tabular.Privacy;

/// <summary>
/// Writes a treated copy of a CSV table: dropped columns left out, every other treated column's
/// values replaced (<see cref="ValueTreatment"/>), the rest as they were. Streams record by record,
/// so a table of any size costs one record of memory.
/// </summary>
public static class DatasetTreatment
{
    /// <summary>Treats <paramref name="csv"/> into <paramref name="output"/>; returns the rows written. Columns the table lacks are refused by name.</summary>
    public static async Task<long> WriteAsync(
        Stream csv, IReadOnlyDictionary<string, string> actions, byte[] pseudonymKey, Stream output, CancellationToken ct)
    {
        var reader = CsvTableReader.Open(csv);
        var missing = actions.Keys.Where(c => !reader.Columns.Contains(c)).ToArray();
        if (missing.Length > 0) throw new InvalidDataException($"the table has no column {string.Join(", ", missing)}");
        if (actions.Values.FirstOrDefault(a => !TreatmentActions.IsKnown(a)) is { } unknown)
            throw new InvalidDataException($"'{unknown}' is not a treatment ({string.Join(", ", TreatmentActions.All)})");

        var kept = Enumerable.Range(0, reader.Columns.Count)
            .Where(i => actions.GetValueOrDefault(reader.Columns[i]) != TreatmentActions.Drop).ToArray();
        var treatment = kept.Select(i => actions.GetValueOrDefault(reader.Columns[i], TreatmentActions.Keep)).ToArray();

        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder();
        await writer.WriteLineAsync(Join(line, kept.Select(i => reader.Columns[i])));
        var rows = 0L;
        foreach (var record in reader.ReadRecords())
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(Join(line, kept.Select((column, k) => ValueTreatment.Apply(treatment[k], record.Values[column], pseudonymKey))));
            rows++;
        }
        return rows;
    }

    private static StringBuilder Join(StringBuilder line, IEnumerable<string?> cells)
    {
        line.Clear();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) line.Append(',');
            first = false;
            AppendCell(line, cell);
        }
        return line;
    }

    // RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled; a missing value is empty.
    private static void AppendCell(StringBuilder line, string? cell)
    {
        if (string.IsNullOrEmpty(cell)) return;
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(cell);
            return;
        }
        line.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
    }
}
