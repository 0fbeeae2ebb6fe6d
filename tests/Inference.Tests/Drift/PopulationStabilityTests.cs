using Platform.Tabular.Drift;

namespace Platform.Inference.Tests.Drift;

public sealed class PopulationStabilityTests
{
    [Fact]
    public void Psi_is_the_sum_of_share_differences_times_their_log_ratio()
    {
        // (0.5-0.25)·ln 2 + (0.3-0.25)·ln 1.2 + (0.2-0.5)·ln 0.4, worked out by hand.
        var psi = PopulationStability.Index([0.25, 0.25, 0.5], [50, 30, 20]);
        Assert.Equal(0.457290093, psi, 8);
    }

    [Fact]
    public void An_empty_bin_counts_as_the_floor_share_instead_of_making_psi_infinite()
    {
        // The expected share 0 becomes 1e-4: (0.1-1e-4)·ln(0.1/1e-4) is the bulk of it.
        var psi = PopulationStability.Index([0.5, 0.5, 0.0], [50, 40, 10]);
        Assert.Equal(0.712399108, psi, 8);
        Assert.Equal(0, PopulationStability.Index([0.5, 0.5, 0.0], [7, 7, 0]), 12);
    }

    [Fact]
    public void A_window_without_rows_has_no_drift()
    {
        Assert.Equal(0, PopulationStability.Index([0.5, 0.5], [0, 0]));
    }

    [Fact]
    public void Numeric_reference_cuts_at_the_deciles_and_keeps_ends_and_missing_apart()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Append(double.NaN).ToArray();
        var reference = FeatureReference.FitNumeric("x", values);

        Assert.Equal([10, 20, 30, 40, 50, 60, 70, 80, 90], reference.Cuts);
        Assert.Equal(11, reference.BinCount);
        Assert.Equal(0, reference.BinOf(-1e9));   // open at the low end
        Assert.Equal(0, reference.BinOf(10));     // a cut belongs to the bin below it
        Assert.Equal(1, reference.BinOf(10.5));
        Assert.Equal(9, reference.BinOf(1e9));    // open at the high end
        Assert.Equal(10, reference.BinOf(double.NaN));
        Assert.All(reference.Shares[..10], s => Assert.Equal(10 / 101.0, s, 12));
        Assert.Equal(1 / 101.0, reference.Shares[10], 12);
    }

    [Fact]
    public void A_column_of_few_values_gets_one_bin_per_value_not_empty_deciles()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i % 10 < 7 ? 0.0 : 1.0).ToArray();
        var reference = FeatureReference.FitNumeric("flag", values);
        Assert.Equal([0, 1], reference.Cuts);
        Assert.Equal(0.7, reference.Shares[reference.BinOf(0)], 12);
        Assert.Equal(0.3, reference.Shares[reference.BinOf(1)], 12);
    }

    [Fact]
    public void Categorical_reference_keeps_the_most_frequent_values_and_an_other_bin()
    {
        string?[] values = ["a", "a", "a", "b", "b", "c", null, ""];
        var reference = FeatureReference.FitCategorical("kind", values, maxCategories: 2);

        Assert.Equal(["a", "b"], reference.Categories);
        Assert.Equal(0, reference.BinOf("a"));
        Assert.Equal(2, reference.BinOf("c"));       // other
        Assert.Equal(2, reference.BinOf("never"));   // other
        Assert.Equal(3, reference.BinOf((string?)null));
        Assert.Equal([3 / 8.0, 2 / 8.0, 1 / 8.0, 2 / 8.0], reference.Shares);
    }

    [Fact]
    public void Reference_statistics_survive_their_json_round_trip()
    {
        var reference = new ReferenceStatistics(3, [
            FeatureReference.FitNumeric("x", [1.0, 2.0, 3.0]),
            FeatureReference.FitCategorical("k", ["u", "v", "u"]),
        ]);
        var back = ReferenceStatistics.FromJson(reference.ToJson());

        Assert.Equal(3, back.Rows);
        Assert.Equal(reference.Features[0].Cuts, back.Features[0].Cuts);
        Assert.Equal(reference.Features[1].Categories, back.Features[1].Categories);
        Assert.Equal(reference.Features[1].Shares, back.Features[1].Shares);
        Assert.Equal(reference.Features[1].BinOf("v"), back.Features[1].BinOf("v"));
    }
}
