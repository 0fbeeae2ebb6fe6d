using Platform.Tabular.Drift;

namespace Platform.Inference.Tests.Drift;

public sealed class DriftEpisodesTests
{
    private static readonly string[] Kinds = ["red", "green", "blue", "grey"];

    [Fact]
    public void Windows_drawn_from_the_reference_distribution_raise_no_alarm_over_ten_windows()
    {
        var random = new Random(7);
        var reference = Fit(Draw(random, 20_000, shift: 0));
        var episodes = new DriftEpisodes(0.2, 2);

        var maxPsi = 0.0;
        for (var window = 0; window < 10; window++)
        {
            var psi = Window(reference, Draw(random, 500, shift: 0));
            maxPsi = Math.Max(maxPsi, psi.Max());
            var verdict = episodes.Evaluate(psi);
            Assert.False(verdict.OpensEpisode, $"window {window} raised a false alarm, PSI {string.Join(", ", psi)}");
            Assert.Empty(verdict.DriftedFeatures);
        }
        Assert.True(maxPsi < 0.1, $"PSI of same-distribution windows should be noise, was {maxPsi}");
    }

    [Fact]
    public void A_shift_is_reported_once_per_episode_after_the_consecutive_windows_and_again_after_it_ends()
    {
        var random = new Random(11);
        var reference = Fit(Draw(random, 20_000, shift: 0));
        var episodes = new DriftEpisodes(0.2, 2);
        double[] shifts = [0, 0, 2, 2, 2, 2, 0, 0, 2, 2, 2];

        var opened = new List<int>();
        for (var w = 0; w < shifts.Length; w++)
        {
            var verdict = episodes.Evaluate(Window(reference, Draw(random, 500, shifts[w])));
            if (verdict.OpensEpisode)
            {
                opened.Add(w);
                Assert.Equal([0], verdict.DriftedFeatures); // the shifted numeric column, not the categories
            }
        }
        // Second shifted window of each run: K = 2 consecutive windows.
        Assert.Equal([3, 9], opened);
    }

    [Fact]
    public void One_window_over_the_threshold_is_not_drift_when_two_in_a_row_are_needed()
    {
        var episodes = new DriftEpisodes(0.2, 2);
        Assert.False(episodes.Evaluate([0.5]).OpensEpisode);
        Assert.False(episodes.Evaluate([0.1]).OpensEpisode);
        Assert.False(episodes.Evaluate([0.5]).OpensEpisode);
        Assert.True(episodes.Evaluate([0.5]).OpensEpisode);
        Assert.False(episodes.Evaluate([0.9]).OpensEpisode); // same episode
    }

    private static (double[] Numbers, string[] Kinds) Draw(Random random, int rows, double shift)
    {
        var numbers = new double[rows];
        var kinds = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            // Box–Muller: a standard normal, moved by `shift` standard deviations.
            var u = 1 - random.NextDouble();
            numbers[i] = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()) + shift;
            kinds[i] = Kinds[random.Next(10) switch { < 4 => 0, < 7 => 1, < 9 => 2, _ => 3 }];
        }
        return (numbers, kinds);
    }

    private static ReferenceStatistics Fit((double[] Numbers, string[] Kinds) rows) => new(rows.Numbers.Length, [
        FeatureReference.FitNumeric("x", rows.Numbers),
        FeatureReference.FitCategorical("kind", rows.Kinds),
    ]);

    private static double[] Window(ReferenceStatistics reference, (double[] Numbers, string[] Kinds) rows)
    {
        var counts = new BinCounts(reference);
        counts.AddNumeric(0, rows.Numbers.AsSpan());
        counts.AddCategorical(1, rows.Kinds);
        counts.AddRows(rows.Numbers.Length);
        return counts.Psi();
    }
}
