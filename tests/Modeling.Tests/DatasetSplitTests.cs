using Platform.Modeling.Data;

namespace Platform.Modeling.Tests;

public class DatasetSplitTests
{
    private static string?[][] Rows(int count) =>
        Enumerable.Range(0, count).Select(i => new string?[] { i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 3 == 0 ? null : "x" }).ToArray();

    [Fact]
    public void A_row_lands_in_the_same_partition_wherever_it_is_and_however_often_it_is_asked()
    {
        var rows = Rows(2000);
        var first = rows.Select(r => DatasetSplit.Assign(r, 42)).ToArray();
        var shuffled = rows.Select((r, i) => (r, i)).OrderBy(x => x.r[0]!.GetHashCode()).ToArray();
        foreach (var (row, index) in shuffled)
            Assert.Equal(first[index], DatasetSplit.Assign((string?[])row.Clone(), 42));
    }

    [Fact]
    public void Shares_are_close_to_70_15_15()
    {
        var partitions = Rows(20000).Select(r => DatasetSplit.Assign(r, 7)).ToArray();
        Assert.InRange(partitions.Count(p => p == SplitPartition.Train) / 20000.0, 0.68, 0.72);
        Assert.InRange(partitions.Count(p => p == SplitPartition.Validation) / 20000.0, 0.135, 0.165);
        Assert.InRange(partitions.Count(p => p == SplitPartition.Test) / 20000.0, 0.135, 0.165);
    }

    [Fact]
    public void The_seed_changes_the_split_and_cell_boundaries_matter()
    {
        var rows = Rows(1000);
        var moved = rows.Count(r => DatasetSplit.Assign(r, 1) != DatasetSplit.Assign(r, 2));
        Assert.InRange(moved, 300, 700);
        Assert.NotEqual(DatasetSplit.UnitInterval(["ab", "c"], 1), DatasetSplit.UnitInterval(["a", "bc"], 1));
        Assert.NotEqual(DatasetSplit.UnitInterval([null], 1), DatasetSplit.UnitInterval([""], 1));
    }
}
