using Platform.Contracts.Solutions;
using System.Text;
using Platform.Tabular;

namespace Platform.Ingestion.Tests;

public class DatasetProfilerTests
{
    private static DatasetProfile Profile(string csv) =>
        DatasetProfiler.Profile(CsvTableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    [Fact]
    public void Numbers_get_population_statistics_computed_in_one_pass()
    {
        var profile = Profile("x\n1\n2\n\n3\n4\nNA\n");
        var x = profile.Columns.Single();

        Assert.Equal(5, profile.Rows);
        Assert.Equal(ColumnKind.Numeric, x.Kind);
        Assert.True(x.Nullable);
        Assert.Equal(4, x.Count);
        Assert.Equal(1, x.Missing);
        Assert.Equal(1, x.Numeric!.Min);
        Assert.Equal(4, x.Numeric.Max);
        Assert.Equal(2.5, x.Numeric.Mean, 12);
        Assert.Equal(Math.Sqrt(1.25), x.Numeric.StdDev, 12);  // population: sqrt(((1.5² + 0.5²) · 2) / 4)
        Assert.Equal(4, x.Histogram.Sum(b => b.Count));
        Assert.Empty(x.TopCategories);
    }

    [Fact]
    public void Kinds_are_inferred_from_the_values()
    {
        var rows = Enumerable.Range(0, 300).Select(i =>
            $"{i},{(i % 2 == 0 ? "Yes" : "no")},{(i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue")},\"free text number {i} that nobody repeats\"");
        var profile = Profile("n,flag,colour,comment\n" + string.Join("\n", rows));

        Assert.Equal(
            [ColumnKind.Numeric, ColumnKind.Boolean, ColumnKind.Categorical, ColumnKind.Text],
            profile.Columns.Select(c => c.Kind));
        Assert.All(profile.Columns, c => Assert.False(c.Nullable));
        Assert.Equal(profile.Columns.Select(c => new ColumnSchema(c.Name, c.Kind, c.Nullable)), profile.Schema());
    }

    [Fact]
    public void Top_categories_are_counted_most_frequent_first()
    {
        var profile = Profile("c\nb\na\nb\nc\nb\na\n");
        var c = profile.Columns.Single();
        Assert.Equal([new CategoryCount("b", 3), new CategoryCount("a", 2), new CategoryCount("c", 1)], c.TopCategories);
        Assert.Equal(3, c.Distinct);
        Assert.Null(c.Numeric);
    }

    [Fact]
    public void A_column_with_no_values_is_a_nullable_category()
    {
        var column = Profile("a,b\n1,\n2,\n").Columns[1];
        Assert.Equal(ColumnKind.Categorical, column.Kind);
        Assert.True(column.Nullable);
        Assert.Equal(2, column.Missing);
    }

    [Fact]
    public void The_finance_sample_profiles_as_expected()
    {
        var file = SampleDatasetFiles.PathOf("finance-credit.csv");
        var lines = File.ReadLines(file).Count();
        using var stream = File.OpenRead(file);
        var profile = DatasetProfiler.Profile(CsvTableReader.Open(stream));

        Assert.Equal(lines - 1, profile.Rows);
        var status = profile.Columns.Single(c => c.Name == "Status");
        Assert.Equal(ColumnKind.Categorical, status.Kind);
        Assert.Equal(["bad", "good"], status.TopCategories.Select(t => t.Value).Order());
        Assert.Equal(ColumnKind.Numeric, profile.Columns.Single(c => c.Name == "Income").Kind);
    }

    [Fact]
    public void Many_columns_share_the_profilers_budget_of_distinct_values_so_a_wide_file_costs_no_more_than_a_narrow_one()
    {
        const int Columns = 500, Rows = 2_500;
        var profiler = new DatasetProfiler(Enumerable.Range(0, Columns).Select(c => $"c{c}").ToArray());
        for (var r = 0; r < Rows; r++) profiler.Add(Enumerable.Range(0, Columns).Select(c => $"v{r}").ToArray());
        var profile = profiler.Build();

        var allowance = DatasetProfiler.TotalTrackedValues / Columns; // 2,000 each, under the 10,000 of a narrow file
        Assert.All(profile.Columns, c => Assert.Equal((allowance, true), (c.Distinct, c.DistinctCapped)));
        Assert.All(profile.Columns, c => Assert.Equal(ColumnKind.Text, c.Kind)); // more values than it could count: not a category
    }

    [Fact]
    public void Long_distinct_values_stop_being_tracked_at_the_character_budget()
    {
        var profiler = new DatasetProfiler(["id", "essay"]);
        var perColumn = DatasetProfiler.TotalTrackedCharacters / 2;
        const int Length = 1 << 20;
        for (var r = 0; r < 12; r++) profiler.Add([$"{r}", new string((char)('a' + r), Length)]);
        var essay = profiler.Build().Columns[1];

        Assert.Equal(perColumn / Length, essay.Distinct); // 8 of the 12 million-character values
        Assert.True(essay.DistinctCapped);
        Assert.Equal(12, essay.Count);
        Assert.Equal(ColumnKind.Text, essay.Kind);
    }
}
