using System.Buffers;
using System.Text;

namespace Platform.Tabular;

/// <summary>
/// A streaming RFC 4180 reader with a header row. It parses bytes (every delimiter is ASCII, so
/// none can sit inside a UTF-8 sequence) and decodes each field strictly, which lets an encoding
/// error name its row and column. Memory holds one buffer and one record, whatever the file size.
/// Rows are line numbers where a record starts; blank lines are skipped but counted.
/// A field is missing (null) when empty or, unquoted, one of NA, N/A, null, NULL, ?.
/// With <see cref="CsvLimits"/> it refuses, as soon as it sees it, a header over the columns, a field
/// over the characters (before its bytes are held) and a data row past the rows allowed.
/// </summary>
public sealed class CsvTableReader
{
    private const byte Comma = (byte)',', Quote = (byte)'"', Cr = (byte)'\r', Lf = (byte)'\n';
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly SearchValues<byte> FieldEnd = SearchValues.Create([Comma, Cr, Lf, Quote]);
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.Ordinal) { "NA", "N/A", "null", "NULL", "?" };

    private readonly Stream _stream;
    private readonly CsvLimits _limits;
    // UTF-8 takes at most 3 bytes per UTF-16 character: more bytes than this are over the limit whatever they decode to.
    private readonly long _maxFieldBytes;
    private readonly byte[] _buffer = new byte[1 << 16];
    private byte[] _field = new byte[256];
    private int _fieldLength;
    private int _position;
    private int _length;
    private bool _endOfStream;
    private long _line = 1;
    private long _fieldRow;
    private string? _fieldColumn;
    private bool _enumerated;

    private CsvTableReader(Stream stream, CsvLimits limits)
    {
        _stream = stream;
        _limits = limits;
        _maxFieldBytes = 3L * limits.MaxFieldCharacters;
        Fill();
        if (_length >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _position = 3;
        Columns = ReadHeader();
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Reads the header at once; a file that is empty or has no usable header is refused here.</summary>
    public static CsvTableReader Open(Stream stream, CsvLimits? limits = null) => new(stream, limits ?? CsvLimits.None);

    public static TabularData ReadAll(Stream stream)
    {
        var reader = Open(stream);
        var rows = new List<string?[]>();
        foreach (var record in reader.ReadRecords()) rows.Add(record.Values);
        return new TabularData(reader.Columns, rows);
    }

    /// <summary>The data records, in order; can be enumerated once.</summary>
    public IEnumerable<CsvRecord> ReadRecords()
    {
        if (_enumerated) throw new InvalidOperationException("The records of a CSV stream can be read once.");
        _enumerated = true;
        var values = new List<string?>(Columns.Count);
        var records = 0L;
        while (TryReadRecord(values, out var row, out var fields))
        {
            if (++records > _limits.MaxRows)
                throw new CsvLimitException(row, null, $"the file has more than {_limits.MaxRows:N0} data rows",
                    nameof(CsvLimits.MaxRows), _limits.MaxRows);
            if (fields != Columns.Count)
                throw new CsvFormatException(row, null, $"expected {Columns.Count} fields, found {fields}");
            yield return new CsvRecord(row, values.ToArray());
        }
    }

    private string[] ReadHeader()
    {
        var names = new List<string?>();
        if (!TryReadRecord(names, out var row, out _, header: true))
            throw new CsvFormatException(1, null, "the file is empty: a header row naming the columns is needed");
        var columns = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i]?.Trim();
            if (string.IsNullOrEmpty(name))
                throw new CsvFormatException(row, null, $"the header has no name for column {i + 1}; the first row must name every column");
            columns[i] = name;
        }
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CsvFormatException(row, null, $"the header names the column '{duplicate.Key}' twice (duplicate column names)");
        return columns;
    }

    /// <summary>
    /// Reads one record into <paramref name="values"/>; <paramref name="fields"/> counts them all, but a
    /// data row's fields past the header's are not kept (the row is refused, and a line of commas must
    /// not fill memory on the way).
    /// </summary>
    private bool TryReadRecord(List<string?> values, out long row, out long fields, bool header = false)
    {
        values.Clear();
        fields = 0;
        // Blank lines between records carry nothing.
        while (true)
        {
            if (!EnsureByte()) { row = _line; return false; }
            var b = _buffer[_position];
            if (b == Lf) { _position++; _line++; }
            else if (b == Cr) { _position++; if (EnsureByte() && _buffer[_position] == Lf) _position++; _line++; }
            else break;
        }

        row = _line;
        while (true)
        {
            if (header && fields == _limits.MaxColumns)
                throw new CsvLimitException(row, null, $"the header has more than {_limits.MaxColumns:N0} columns",
                    nameof(CsvLimits.MaxColumns), _limits.MaxColumns);
            var kept = header || fields < Columns.Count;
            var column = kept && !header ? Columns[(int)fields] : null;
            _fieldLength = 0;
            _fieldRow = row;
            _fieldColumn = column;
            var quoted = EnsureByte() && _buffer[_position] == Quote;
            if (quoted) ReadQuoted(row, column);
            else ReadUnquoted(row, column);
            if (kept) values.Add(Decode(row, column, quoted, header));
            fields++;

            if (!EnsureByte()) return true;
            var next = _buffer[_position];
            if (next == Comma) { _position++; continue; }
            if (next == Lf) { _position++; _line++; return true; }
            if (next == Cr)
            {
                _position++;
                if (EnsureByte() && _buffer[_position] == Lf) _position++;
                _line++;
                return true;
            }
            throw new CsvFormatException(row, column, "unexpected text after a closing quote; a quoted field must end at a comma or the end of the line");
        }
    }

    private void ReadUnquoted(long row, string? column)
    {
        while (EnsureByte())
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(FieldEnd);
            var take = stop < 0 ? span.Length : stop;
            Append(span[..take]);
            _position += take;
            if (stop < 0) continue;
            if (span[stop] == Quote)
                throw new CsvFormatException(row, column, "a quote inside an unquoted field; quote the whole field and double the quotes inside it");
            return;
        }
    }

    private void ReadQuoted(long row, string? column)
    {
        _position++;
        while (true)
        {
            if (!EnsureByte())
                throw new CsvFormatException(row, column, "a quoted field is never closed: the file ends inside quotes");
            var span = _buffer.AsSpan(_position, _length - _position);
            var quote = span.IndexOf(Quote);
            var take = quote < 0 ? span.Length : quote;
            var chunk = span[..take];
            _line += chunk.Count(Lf);
            Append(chunk);
            _position += take;
            if (quote < 0) continue;

            _position++;
            if (EnsureByte() && _buffer[_position] == Quote)
            {
                Append([Quote]);
                _position++;
                continue;
            }
            return;
        }
    }

    private string? Decode(long row, string? column, bool quoted, bool header)
    {
        if (_fieldLength == 0) return header ? "" : null;
        string text;
        try
        {
            text = StrictUtf8.GetString(_field, 0, _fieldLength);
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFormatException(row, column, "the bytes are not valid UTF-8; save the file as UTF-8");
        }
        if (text.Length > _limits.MaxFieldCharacters) throw FieldTooLong(row, column);
        if (!quoted && !header && MissingMarkers.Contains(text.Trim())) return null;
        return text;
    }

    private CsvLimitException FieldTooLong(long row, string? column) =>
        new(row, column, $"a value is longer than {_limits.MaxFieldCharacters:N0} characters",
            nameof(CsvLimits.MaxFieldCharacters), _limits.MaxFieldCharacters);

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_fieldLength + bytes.Length > _maxFieldBytes) throw FieldTooLong(_fieldRow, _fieldColumn);
        if (_fieldLength + bytes.Length > _field.Length)
            Array.Resize(ref _field, Math.Max(_field.Length * 2, _fieldLength + bytes.Length));
        bytes.CopyTo(_field.AsSpan(_fieldLength));
        _fieldLength += bytes.Length;
    }

    private bool EnsureByte()
    {
        if (_position < _length) return true;
        if (_endOfStream) return false;
        Fill();
        return _position < _length;
    }

    private void Fill()
    {
        _position = 0;
        _length = 0;
        while (_length < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0) { _endOfStream = true; break; }
            _length += read;
            if (_length > 0) break;
        }
    }
}
