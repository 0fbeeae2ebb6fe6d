namespace Platform.Tabular.Drift;

/// <summary>
/// The population stability index: Σ (actual − expected) · ln(actual / expected) over bins, with
/// shares. An empty bin would make it infinite, so shares are floored at <see cref="Floor"/>, the
/// usual convention; a PSI above 0.2 is the common sign of a shifted population, above 0.1 of a
/// moderate change.
/// </summary>
public static class PopulationStability
{
    public const double Floor = 1e-4;

    public static double Index(ReadOnlySpan<double> expectedShares, ReadOnlySpan<long> actualCounts)
    {
        if (expectedShares.Length != actualCounts.Length)
            throw new ArgumentException($"{actualCounts.Length} counts for {expectedShares.Length} bins.", nameof(actualCounts));
        long total = 0;
        foreach (var c in actualCounts) total += c;
        if (total == 0) return 0;

        var psi = 0.0;
        for (var i = 0; i < expectedShares.Length; i++)
        {
            var expected = Math.Max(expectedShares[i], Floor);
            var actual = Math.Max((double)actualCounts[i] / total, Floor);
            psi += (actual - expected) * Math.Log(actual / expected);
        }
        return psi;
    }
}
