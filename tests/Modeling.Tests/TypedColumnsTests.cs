using System.Text;
using Platform.Contracts.Solutions;
using Platform.Modeling.Data;
using Platform.Tabular;

namespace Platform.Modeling.Tests;

/// <summary>
/// A dataset read as typed columns (ADR 20) holds what the file says: every cell reads back as the
/// number or the text the string table had, and every row keeps the partition of its raw cells.
/// </summary>
public class TypedColumnsTests
{
    // Numbers in several spellings, missing markers, text with quotes, commas, a line break and
    // non-ASCII, a column of numbers with one word late in the file, and a target whose labels
    // differ only as text ("1" and "1.0").
    private const string Csv =
        "amount,city,late,label\n" +
        "1.50,\"Paris, France\",1,1\n" +
        "1.5,\"say \"\"hi\"\"\",2.0,1.0\n" +
        "-3e2,Zürich,,1\n" +
        ",\"two\nlines\",NA,1.0\n" +
        "NA,日本 🙂,4,1\n" +
        "?,\"\",1e3,1.0\n" +
        "7,\"NA\",n/a,1\n" +
        "1e40,x,5,1\n";

    private static ColumnarTable Read(string csv, ColumnarReadOptions options) =>
        ColumnarTable.Read(() => new MemoryStream(Encoding.UTF8.GetBytes(csv)), options);

    private static TabularData ReadAsText(string csv) => CsvTableReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    [Fact]
    public void Numbers_missing_cells_and_texts_read_back_as_the_string_table_had_them()
    {
        var typed = Read(Csv, new ColumnarReadOptions { TextColumns = ["label"] });
        var text = ReadAsText(Csv);

        var amount = Assert.IsType<NumberColumn>(typed[0]);
        var city = Assert.IsType<CategoryColumn>(typed[1]);
        // One word after numbers makes the column text; its numbers keep their spelling as categories.
        var late = Assert.IsType<CategoryColumn>(typed[2]);
        // Named as text, the target keeps "1" and "1.0" apart, in the order they first occur.
        var label = Assert.IsType<CategoryColumn>(typed[3]);
        Assert.Equal(["1", "1.0"], label.Categories);
        Assert.Equal(["1", "1e3", "2.0", "4", "5", "n/a"], late.Categories.Order(StringComparer.Ordinal));
        Assert.Equal([1.5f, 1.5f, -300f, float.NaN, float.NaN, float.NaN, 7f, float.PositiveInfinity], amount.Values);
        Assert.Equal(["Paris, France", "say \"hi\"", "Zürich", "two\nlines", "日本 🙂", null, "NA", "x"],
            Enumerable.Range(0, typed.RowCount).Select(city.Text));
        AssertSameCells(text, typed);
    }

    [Theory]
    [InlineData("finance-credit.csv", "Status")]
    [InlineData("healthcare-diabetes.csv", "diabetes")]
    [InlineData("retail-churn.csv", "churn")]
    [InlineData("retail-reviews-train.csv", "score")]
    public void The_samples_read_back_cell_for_cell_and_each_row_keeps_the_partition_of_its_raw_cells(string file, string target)
    {
        var path = SampleDatasetFiles.PathOf(file);
        var typed = TrainingTable.Read(() => File.OpenRead(path), target, 42, MemoryBudget.Unlimited());
        var text = SharedDatasets.Read(file);

        AssertSameCells(text, typed);
        Assert.Equal(DatasetSplit.TagKey(42), typed.RowTagKey);
        for (var r = 0; r < typed.RowCount; r++)
            Assert.Equal(DatasetSplit.Assign(text.Rows[r], 42), (SplitPartition)typed.RowTag(r));
        // The estimate the budget is charged is what the columns hold.
        Assert.Equal(typed.Bytes, typed.Columns.Sum(c => c.Bytes) + 24 + typed.RowCount);
    }

    [Fact]
    public void The_partition_hashes_the_text_not_the_number_it_reads_as()
    {
        var rows = Enumerable.Range(0, 400).Select(i => $"{i}.50,{i}.5,{(i % 2 == 0 ? "a" : "b")}").ToArray();
        var csv = "x,y,target\n" + string.Join("\n", rows) + "\n";

        var typed = Read(csv, new ColumnarReadOptions { TextColumns = ["target"], Tagger = DatasetSplit.Tagger(7) });
        var text = ReadAsText(csv);

        Assert.IsType<NumberColumn>(typed[0]);
        var partitions = Enumerable.Range(0, typed.RowCount).Select(r => (SplitPartition)typed.RowTag(r)).ToArray();
        Assert.Equal(text.Rows.Select(r => DatasetSplit.Assign(r, 7)), partitions);
        // "1.50" and "1.5" hash apart: rows equal as numbers are not all in one partition.
        Assert.NotEqual(partitions, text.Rows.Select(r => DatasetSplit.Assign([r[1], r[1], r[2]], 7)));
    }

    [Fact]
    public void A_dataset_over_the_budget_is_refused_before_its_columns_are_allocated_naming_the_need_the_budget_and_the_setting()
    {
        var csv = new StringBuilder("a,b,target\n");
        for (var i = 0; i < 100_000; i++) csv.Append(i).Append(',').Append(i % 7).Append(',').Append(i % 2 == 0 ? "yes" : "no").Append('\n');
        var budget = MemoryBudget.FromMebibytes(1, "training job", "Training:MemoryBudgetMiB");

        var refusal = Assert.Throws<MemoryBudgetExceededException>(
            () => TrainingTable.Read(() => new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "target", 42, budget));

        // 2 number columns and the target's codes at 4 bytes a row, a partition byte a row: 1.24 MiB.
        Assert.Equal(
            "the dataset needs 2 MiB as typed columns (100,000 rows × 3 columns); the training job's memory budget is 1 MiB (Training:MemoryBudgetMiB)",
            refusal.Message);
        Assert.Equal("Training:MemoryBudgetMiB", refusal.Setting);
        Assert.Equal(0, budget.Reserved);
    }

    [Fact]
    public void Distinct_texts_over_the_budget_are_refused_while_the_file_is_first_read()
    {
        // Free-text reviews: each is its own category, about 2 bytes a character.
        var path = SampleDatasetFiles.PathOf("retail-reviews-train.csv");
        var budget = MemoryBudget.FromMebibytes(1, "training job", "Training:MemoryBudgetMiB");

        var refusal = Assert.Throws<MemoryBudgetExceededException>(() => TrainingTable.Read(() => File.OpenRead(path), "score", 42, budget));

        Assert.StartsWith("the dataset needs more than 1 MiB as typed columns: by line ", refusal.Message);
        Assert.Contains("distinct values ('review' ", refusal.Message);
        Assert.EndsWith("; the training job's memory budget is 1 MiB (Training:MemoryBudgetMiB)", refusal.Message);
        Assert.Equal(0, budget.Reserved);
    }

    [Fact]
    public void Numbers_met_before_a_column_turns_to_text_are_charged_as_they_become_categories()
    {
        // 30,000 distinct numbers, then one word: the numbers' texts become categories in the second pass.
        var csv = new StringBuilder("n,target\n");
        for (var i = 0; i < 30_000; i++) csv.Append(i * 1000 + 0.5).Append(",yes\n");
        csv.Append("word,no\n");
        var budget = MemoryBudget.FromMebibytes(1, "compression job", "Compression:MemoryBudgetMiB");

        var refusal = Assert.Throws<MemoryBudgetExceededException>(
            () => TrainingTable.Read(() => new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "target", 1, budget));

        Assert.Contains("'n' has text after numbers", refusal.Message);
        Assert.EndsWith("the compression job's memory budget is 1 MiB (Compression:MemoryBudgetMiB)", refusal.Message);
    }

    private static void AssertSameCells(TabularData text, ColumnarTable typed)
    {
        Assert.Equal(text.Columns, typed.ColumnNames);
        Assert.Equal(text.Rows.Count, typed.RowCount);
        for (var c = 0; c < typed.Columns.Count; c++)
        {
            var column = typed[c];
            for (var r = 0; r < typed.RowCount; r++)
            {
                var cell = text.Rows[r][c];
                // Bit for bit: the float a model reads is the float the text parses to.
                Assert.Equal(BitConverter.SingleToInt32Bits(NumericCell.ToFloat(cell)), BitConverter.SingleToInt32Bits(column.Number(r)));
                if (column is CategoryColumn) Assert.Equal(cell, column.Text(r));
                else Assert.Equal(cell is null, column.Text(r) is null);
            }
        }
    }
}
