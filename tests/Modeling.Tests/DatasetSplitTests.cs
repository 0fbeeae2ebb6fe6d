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

    [Fact]
    public void A_large_image_set_holds_out_5000_images_each_and_an_image_that_trained_stays_in_train_as_the_set_grows()
    {
        // 60,000 distinct 28×28 "images" (their index in the first bytes), ten labels.
        var images = Enumerable.Range(0, 60_000).Select(i => (Pixels: BitConverter.GetBytes(i).Concat(new byte[780]).ToArray(), Label: (i % 10).ToString())).ToArray();
        SplitPartition[] Split(int count) => [.. images.Take(count).Select(x => DatasetSplit.Assign(x.Pixels, x.Label, 42, count))];

        var large = Split(60_000);
        Assert.InRange(large.Count(p => p == SplitPartition.Validation), 4_800, 5_200);
        Assert.InRange(large.Count(p => p == SplitPartition.Test), 4_800, 5_200);
        // Up to 33,333 images (MaxHeldOutImages / ValidationShare), the table's 70 / 15 / 15.
        var small = Split(20_000);
        Assert.InRange(small.Count(p => p == SplitPartition.Train) / 20_000.0, 0.68, 0.72);

        // Grown from 20,000 to 60,000 images: no image that trained is held out now; some held out are train now.
        Assert.DoesNotContain(Enumerable.Range(0, 20_000), i => small[i] == SplitPartition.Train && large[i] != SplitPartition.Train);
        Assert.Contains(Enumerable.Range(0, 20_000), i => small[i] != SplitPartition.Train && large[i] == SplitPartition.Train);
        Assert.Equal(0.15, DatasetSplit.HeldOutShare(20_000));
        Assert.Equal(5_000.0 / 60_000, DatasetSplit.HeldOutShare(60_000));
    }
}
