using System.Text;
using Platform.Ingestion.Domain;
using Platform.Ingestion.Extensions;
using Platform.ServiceDefaults.Http;
using Platform.Tabular;

namespace Platform.Ingestion.Tests;

/// <summary>
/// Each upload limit refuses a file with the field, the row, a reason and the limit by its setting's
/// name; small limits show the rule, generated files show the defaults. The validator only reads:
/// the endpoint deletes the staged file on any refusal (the system tests check nothing is kept).
/// </summary>
public sealed class UploadLimitsTests
{
    private static readonly CsvLimits Small = new(MaxColumns: 3, MaxFieldCharacters: 5, MaxRows: 2);
    private static readonly CsvLimits Defaults = new UploadLimits().ForReader();

    private static UploadRejection Refuse(Stream csv, CsvLimits limits)
    {
        var (upload, rejection) = UploadValidator.Validate(csv, targetColumn: null, limits, CancellationToken.None);
        Assert.Null(upload);
        return Assert.IsType<UploadRejection>(rejection);
    }

    private static UploadRejection Refuse(string csv, CsvLimits limits) => Refuse(new MemoryStream(Encoding.UTF8.GetBytes(csv)), limits);

    private static void Accept(string csv, CsvLimits limits)
    {
        var (upload, rejection) = UploadValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, limits, CancellationToken.None);
        Assert.Null(rejection);
        Assert.NotNull(upload);
    }

    private static string Row(int columns, Func<int, string> cell) => string.Join(',', Enumerable.Range(0, columns).Select(cell)) + "\n";

    [Fact]
    public void A_header_with_more_columns_than_the_limit_is_refused_naming_the_file_its_first_row_and_max_columns()
    {
        var rejection = Refuse("a,b,c,d\n1,2,3,4\n", Small);

        Assert.Equal(UploadValidator.FileField, rejection.Field);
        Assert.Equal(1, rejection.Row);
        Assert.Equal("the header has more than 3 columns", rejection.Reason);
        Assert.Equal(new ServiceLimit("maxColumns", 3), rejection.Limit);
        Accept("a,b,c\n1,2,3\n", Small);
    }

    [Fact]
    public void A_value_longer_than_the_limit_is_refused_naming_its_column_its_row_and_max_field_characters()
    {
        var rejection = Refuse("a,b\n1,ok\n2,\"six ch\"\n", Small);

        Assert.Equal("b", rejection.Field);
        Assert.Equal(3, rejection.Row);
        Assert.Equal("a value is longer than 5 characters", rejection.Reason);
        Assert.Equal(new ServiceLimit("maxFieldCharacters", 5), rejection.Limit);
        Accept("a,b\n1,\"five!\"\n", Small);
    }

    [Fact]
    public void Field_length_counts_characters_not_bytes()
    {
        Accept("a\nééééé\n", Small); // ten bytes, five characters
        Assert.Equal("a", Refuse("a\néééééé\n", Small).Field);
    }

    [Fact]
    public void A_quote_that_is_never_closed_is_refused_at_the_field_limit_not_by_holding_the_rest_of_the_file()
    {
        var rejection = Refuse(new OpenQuoteStream(megabytes: 64), Defaults);

        Assert.Equal("notes", rejection.Field);
        Assert.Equal(2, rejection.Row);
        Assert.Equal("maxFieldCharacters", rejection.Limit!.Name);
    }

    [Fact]
    public void More_data_rows_than_the_limit_are_refused_at_the_first_row_too_many_naming_max_rows()
    {
        var rejection = Refuse("a\n1\n2\n\n3\n", Small);

        Assert.Equal(UploadValidator.FileField, rejection.Field);
        Assert.Equal(5, rejection.Row); // the header is line 1, line 4 is blank
        Assert.Equal("the file has more than 2 data rows", rejection.Reason);
        Assert.Equal(new ServiceLimit("maxRows", 2), rejection.Limit);
        Accept("a\n1\n2\n", Small);
    }

    [Fact]
    public void The_default_limits_are_1000_columns_10000_characters_a_million_rows_and_2_GiB()
    {
        var limits = new UploadLimits();
        Assert.Equal((1_000, 10_000, 1_000_000L, 2L << 30), (limits.MaxColumns, limits.MaxFieldCharacters, limits.MaxRows, limits.MaxUploadBytes));
        Assert.Equal(new ServiceLimit("maxUploadBytes", 2L << 30), limits.UploadBytes);

        Accept(Row(1_000, i => $"c{i}") + Row(1_000, i => "1"), Defaults);
        Assert.Equal(new ServiceLimit("maxColumns", 1_000), Refuse(Row(1_001, i => $"c{i}") + Row(1_001, i => "1"), Defaults).Limit);

        Accept("text\n" + new string('x', 10_000) + "\n", Defaults);
        Assert.Equal(new ServiceLimit("maxFieldCharacters", 10_000), Refuse("text\n" + new string('x', 10_001) + "\n", Defaults).Limit);

        var rows = Refuse(new RowsStream(1_000_001), Defaults);
        Assert.Equal(new ServiceLimit("maxRows", 1_000_000), rows.Limit);
        Assert.Equal(1_000_002, rows.Row);
    }

    /// <summary>A header, then one field that opens a quote and never closes it: megabytes of text, generated as read.</summary>
    private sealed class OpenQuoteStream(int megabytes) : GeneratedStream
    {
        private int _sent = -1;

        protected override byte[]? Next() => ++_sent switch
        {
            0 => "id,notes\n1,\""u8.ToArray(),
            _ when _sent <= megabytes => Encoding.ASCII.GetBytes(new string('x', 1 << 20)),
            _ => null,
        };
    }

    /// <summary><c>n\n</c> followed by <paramref name="rows"/> rows of one digit, generated as read.</summary>
    private sealed class RowsStream(int rows) : GeneratedStream
    {
        private static readonly byte[] Block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1\n", 1_000)));
        private int _blocks = -1;

        protected override byte[]? Next() =>
            ++_blocks == 0 ? "n\n"u8.ToArray()
            : _blocks <= rows / 1_000 ? Block
            : _blocks == rows / 1_000 + 1 && rows % 1_000 > 0 ? Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1\n", rows % 1_000)))
            : null;
    }

    private abstract class GeneratedStream : Stream
    {
        private byte[] _pending = [];
        private int _offset;

        protected abstract byte[]? Next();

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_offset == _pending.Length)
            {
                if (Next() is not { } next) return 0;
                (_pending, _offset) = (next, 0);
            }
            var take = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, take);
            _offset += take;
            return take;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
