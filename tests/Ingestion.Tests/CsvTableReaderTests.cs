using System.Text;
using Platform.Tabular;

namespace Platform.Ingestion.Tests;

[Collection(MeasuresMemory.Name)]
public class CsvTableReaderTests
{
    private static TabularData Read(string csv) => CsvTableReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    private static CsvFormatException Reject(byte[] csv) =>
        Assert.Throws<CsvFormatException>(() => CsvTableReader.ReadAll(new MemoryStream(csv)));

    private static CsvFormatException Reject(string csv) => Reject(Encoding.UTF8.GetBytes(csv));

    [Fact]
    public void Quoted_fields_keep_commas_newlines_and_doubled_quotes()
    {
        var data = Read("id,text\r\n1,\"a, b\"\r\n2,\"line one\nline two\"\r\n3,\"say \"\"hi\"\"\"\r\n");

        Assert.Equal(["id", "text"], data.Columns);
        Assert.Equal(3, data.Rows.Count);
        Assert.Equal("a, b", data.Rows[0][1]);
        Assert.Equal("line one\nline two", data.Rows[1][1]);
        Assert.Equal("say \"hi\"", data.Rows[2][1]);
    }

    [Fact]
    public void Rows_are_the_lines_records_start_on_counting_the_header_as_one()
    {
        var reader = CsvTableReader.Open(new MemoryStream("a,b\n1,\"x\ny\"\n\n2,z\n3,w"u8.ToArray()));
        var rows = reader.ReadRecords().Select(r => r.Row).ToArray();
        Assert.Equal([2L, 5L, 6L], rows);  // line 3 ends the quoted field, line 4 is blank
    }

    [Fact]
    public void Empty_cells_and_missing_markers_are_null_but_quoted_text_is_kept()
    {
        var data = Read("a,b,c,d\n,NA,\"NA\",?\n");
        Assert.Equal(new string?[] { null, null, "NA", null }, data.Rows[0].AsEnumerable());
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column()
    {
        var data = CsvTableReader.ReadAll(new MemoryStream([0xEF, 0xBB, 0xBF, .. "x,y\n1,2\n"u8]));
        Assert.Equal("x", data.Columns[0]);
    }

    [Fact]
    public void A_ragged_row_is_refused_with_its_row_and_the_field_counts()
    {
        var error = Reject("a,b,c\n1,2,3\n4,5\n");
        Assert.Equal(3, error.Row);
        Assert.Contains("expected 3 fields, found 2", error.Reason);
    }

    [Fact]
    public void A_row_with_more_fields_than_the_header_is_refused_with_the_count_but_its_extra_fields_are_not_kept()
    {
        var error = Reject("a,b\n1,2\n3,4" + string.Concat(Enumerable.Repeat(",x", 100_000)) + "\n");
        Assert.Equal(3, error.Row);
        Assert.Contains("expected 2 fields, found 100002", error.Reason);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_names_the_column()
    {
        var error = Reject("a,b\n1,x\"y\n");
        Assert.Equal(2, error.Row);
        Assert.Equal("b", error.Column);
        Assert.Contains("quote", error.Reason);
    }

    [Fact]
    public void An_unterminated_quote_and_text_after_a_closing_quote_are_refused()
    {
        var unterminated = Reject("a,b\n1,\"open\n2,3\n");
        Assert.Equal(2, unterminated.Row);
        Assert.Equal("b", unterminated.Column);
        Assert.Contains("quote", unterminated.Reason);

        var trailing = Reject("a,b\n\"x\"y,1\n");
        Assert.Equal("a", trailing.Column);
        Assert.Contains("quote", trailing.Reason);
    }

    [Fact]
    public void Invalid_utf8_names_the_row_and_column()
    {
        var error = Reject([.. "name,city\nann,paris\nbob,"u8, 0xFF, .. "\n"u8]);
        Assert.Equal(3, error.Row);
        Assert.Equal("city", error.Column);
        Assert.Contains("UTF-8", error.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n")]
    public void An_empty_file_is_refused(string csv)
    {
        var error = Reject(csv);
        Assert.Equal(1, error.Row);
        Assert.Contains("empty", error.Reason);
    }

    [Fact]
    public void A_header_must_name_every_column_once()
    {
        Assert.Contains("header", Reject("a,,c\n1,2,3\n").Reason);
        Assert.Contains("header", Reject(",b\n1,2\n").Reason);
        var duplicate = Reject("a,b,a\n1,2,3\n");
        Assert.Equal(1, duplicate.Row);
        Assert.Contains("duplicate", duplicate.Reason);
    }

    [Fact]
    public void Records_stream_without_holding_the_file()
    {
        const int rows = 2_000_000;  // ≈ 90 MB of CSV, generated as it is read
        using var stream = new GeneratedCsv(rows);
        var reader = CsvTableReader.Open(stream);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long count = 0, peak = 0;
        foreach (var record in reader.ReadRecords())
        {
            if (++count % 200_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            Assert.Equal(4, record.Values.Length);
        }
        Assert.Equal(rows, count);
        Assert.True(peak < 16 << 20, $"memory grew by {peak / 1024 / 1024} MB while reading");
    }

    /// <summary>A CSV produced on the fly, so the test itself holds no file in memory.</summary>
    private sealed class GeneratedCsv(int rows) : Stream
    {
        private byte[] _pending = "id,amount,city,flag\n"u8.ToArray();
        private int _offset;
        private int _row;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_row == rows) return 0;
                _pending = Encoding.UTF8.GetBytes($"{_row},{_row * 0.5:F1},\"city {_row % 97}\",{(_row % 2 == 0 ? "yes" : "no")}\n");
                _offset = 0;
                _row++;
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
