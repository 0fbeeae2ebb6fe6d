namespace Platform.Registry.Domain;

/// <summary>
/// Of a run's versions, promote the smallest file whose test ROC-AUC is within the budget of the
/// best one: customers pay for latency and memory, and the budget says how much accuracy that may cost.
/// Ties in size go to the higher AUC.
/// </summary>
public static class PromotionPolicy
{
    public const string MetricName = "rocAuc";

    public static ModelVersion Choose(IReadOnlyCollection<ModelVersion> candidates, double accuracyBudget)
    {
        if (candidates.Count == 0) throw new ArgumentException("There is nothing to promote.", nameof(candidates));
        ArgumentOutOfRangeException.ThrowIfNegative(accuracyBudget);

        var best = candidates.Max(v => v.TestAuc);
        return candidates
            .Where(v => v.TestAuc >= best - accuracyBudget - 1e-12)
            .OrderBy(v => v.SizeBytes)
            .ThenByDescending(v => v.TestAuc)
            .First();
    }
}
