using System.Text;
using System.Text.Json;

namespace Platform.Ingestion.Domain;

/// <summary>
/// Writes JSON Lines rows as CSV records under a dataset's header, so that appended rows go through
/// the same validation and profiling as an upload. Strings are quoted (RFC 4180), numbers and
/// booleans are written as their text, an absent or null value is an empty cell.
/// </summary>
public static class AppendedRowsWriter
{
    public static async Task<long> AppendAsync(Stream jsonLines, IReadOnlyList<string> header, Stream csv, CancellationToken ct)
    {
        using var reader = new StreamReader(jsonLines, Encoding.UTF8);
        await using var writer = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var rows = 0L;
        var line = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } json)
        {
            if (string.IsNullOrWhiteSpace(json)) continue;
            using var row = JsonDocument.Parse(json);
            line.Clear();
            for (var c = 0; c < header.Count; c++)
            {
                if (c > 0) line.Append(',');
                if (row.RootElement.TryGetProperty(header[c], out var value)) AppendCell(line, value);
            }
            await writer.WriteLineAsync(line, ct);
            rows++;
        }
        return rows;
    }

    private static void AppendCell(StringBuilder line, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                line.Append('"').Append(value.GetString()!.Replace("\"", "\"\"")).Append('"');
                break;
            case JsonValueKind.Number:
                line.Append(value.GetRawText());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                line.Append(value.GetBoolean() ? "true" : "false");
                break;
        }
    }
}
