using Platform.Contracts.Api.Inference;
using Platform.Portal.Components.Shared;

namespace Platform.Portal.Tests;

/// <summary>The drift chart: which features it draws, on what scale, and what it says about the last window.</summary>
public sealed class PsiPlotTests
{
    private static readonly Guid Model = Guid.NewGuid();
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_chart_draws_the_six_features_whose_latest_psi_is_highest()
    {
        // "a" drifted badly in the first window and settled: what matters is the latest window.
        var first = Window(0, ("a", 0.9), ("b", 0.01), ("c", 0.02), ("d", 0.03), ("e", 0.04), ("f", 0.05), ("g", 0.06), ("h", 0.07));
        var latest = Window(1, ("a", 0.001), ("b", 0.30), ("c", 0.10), ("d", 0.25), ("e", 0.05), ("f", 0.20), ("g", 0.15), ("h", 0.02));

        var plot = new PsiPlot([first, latest], threshold: 0.2);

        Assert.Equal(["b", "d", "f", "g", "c", "e"], plot.Features);
    }

    [Fact]
    public void Equal_psi_is_ordered_by_name_and_an_unmeasured_feature_comes_last()
    {
        var window = Window(0, ("zeta", 0.1), ("alpha", 0.1), ("nan", double.NaN), ("low", 0.01));

        Assert.Equal(["alpha", "zeta", "low", "nan"], PsiPlot.TopFeatures([window], 6));
        Assert.Equal(["alpha", "zeta"], PsiPlot.TopFeatures([window], 2));
        Assert.Empty(PsiPlot.TopFeatures([], 6));
    }

    [Theory]
    [InlineData(0.37, 0.4, 0.1)]
    [InlineData(0.2, 0.2, 0.05)]
    [InlineData(0.3, 0.3, 0.1)]
    [InlineData(1.3, 1.5, 0.5)]
    [InlineData(7, 8, 2)]
    [InlineData(0, 0.1, 0.05)]
    public void The_axis_ends_at_a_round_step_at_or_above_the_largest_value(double largest, double top, double step)
    {
        var (max, tick) = PsiPlot.Scale(largest);

        Assert.Equal(top, max, 9);
        Assert.Equal(step, tick, 9);
    }

    [Fact]
    public void The_threshold_is_on_the_chart_even_when_every_feature_is_far_below_it()
    {
        var plot = new PsiPlot([Window(0, ("a", 0.01)), Window(1, ("a", 0.02))], threshold: 0.25);

        Assert.True(plot.Max >= 0.25);
        var y = plot.Y(0.25);
        Assert.InRange(y, PsiPlot.Top, PsiPlot.Height - PsiPlot.Bottom);
        Assert.Equal(0.0, plot.Ticks.First());
        Assert.Equal(plot.Max, plot.Ticks.Last(), 9);
    }

    [Fact]
    public void Windows_run_from_the_left_edge_to_the_right_and_psi_from_the_bottom_up()
    {
        var plot = new PsiPlot([Window(0, ("a", 0)), Window(1, ("a", 0.1)), Window(2, ("a", 0.4))], threshold: null);

        var points = plot.PointsOf("a").ToArray();

        Assert.Equal(3, points.Length);
        Assert.Equal(PsiPlot.Left, points[0].X, 6);
        Assert.Equal(PsiPlot.Width - PsiPlot.Right, points[2].X, 6);
        Assert.Equal((points[0].X + points[2].X) / 2, points[1].X, 6);
        Assert.Equal(PsiPlot.Height - PsiPlot.Bottom, points[0].Y, 6);
        Assert.Equal(PsiPlot.Top, points[2].Y, 6);
        Assert.True(points[1].Y < points[0].Y && points[1].Y > points[2].Y);
    }

    [Fact]
    public void A_window_that_did_not_measure_a_feature_leaves_a_gap_not_a_zero()
    {
        var plot = new PsiPlot([Window(0, ("a", 0.1), ("b", 0.2)), Window(1, ("b", 0.1)), Window(2, ("a", 0.3), ("b", 0.1))], threshold: null);

        var points = plot.Points("a").Split(' ');

        Assert.Equal(2, points.Length);
        Assert.Equal($"{PsiPlot.Left:F1}", points[0].Split(',')[0]);
    }

    [Fact]
    public void A_single_window_sits_in_the_middle()
    {
        var plot = new PsiPlot([Window(0, ("a", 0.1))], threshold: 0.2);

        Assert.Equal(PsiPlot.Left + (PsiPlot.Width - PsiPlot.Left - PsiPlot.Right) / 2, plot.X(0), 6);
    }

    [Fact]
    public void Drifted_windows_are_marked_at_their_largest_psi_and_stay_inside_the_chart()
    {
        // The drifted feature has settled by the latest window, so the chart does not draw its line.
        var drifted = Window(0, ("a", 0.05), ("settled", 2.0)) with { DriftDetected = true, DriftedFeatures = ["settled"] };
        var calm = Window(1, ("a", 0.05), ("settled", 0.01));

        var plot = new PsiPlot([drifted, calm], threshold: 0.2, maxFeatures: 1);
        var markers = plot.DriftMarkers.ToArray();

        Assert.Equal(["a"], plot.Features);
        var marker = Assert.Single(markers);
        Assert.Same(drifted, marker.Window);
        Assert.Equal(plot.X(0), marker.X, 6);
        Assert.True(plot.Max >= 2.0, "the scale holds the marker of a feature the chart does not draw");
        Assert.Equal(plot.Y(2.0), marker.Y, 6);
    }

    [Fact]
    public void A_change_of_serving_model_is_marked_between_its_windows()
    {
        var next = Guid.NewGuid();
        var plot = new PsiPlot([Window(0, ("a", 0.1)), Window(1, ("a", 0.1)) with { ModelVersionId = next }, Window(2, ("a", 0.1)) with { ModelVersionId = next }], null);

        var change = Assert.Single(plot.VersionChanges);
        Assert.Equal((plot.X(0) + plot.X(1)) / 2, change, 6);
    }

    [Fact]
    public void The_summary_counts_the_windows_and_names_the_last_windows_worst_feature()
    {
        var windows = new[] { Window(0, ("glucose", 0.5)), Window(1, ("glucose", 0.1)), Window(2, ("bmi", 0.0512), ("glucose", 0.31249)) };

        Assert.Equal("3 windows, last window max PSI 0.312 (glucose)", PsiPlot.Summary(windows));
        Assert.Equal("1 window, last window max PSI 0.051 (bmi)", PsiPlot.Summary([Window(0, ("bmi", 0.0512), ("age", 0.01))]));
        Assert.Equal("No windows yet", PsiPlot.Summary([]));
    }

    private static DriftWindowResponse Window(int index, params (string Feature, double Psi)[] psi)
    {
        var values = psi.ToDictionary(p => p.Feature, p => p.Psi);
        var max = psi.Select(p => p.Psi).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var start = Start.AddMinutes(5 * index);
        return new DriftWindowResponse(start, start.AddMinutes(5), 500, Model, values, max, [], false);
    }
}
