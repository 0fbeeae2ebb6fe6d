using System.Globalization;
using Platform.Contracts.Solutions;

namespace Platform.Registry.Domain;

/// <summary>
/// Of a run's versions, the one that serves. A compressed variant may serve only if it passes every
/// gate against its parent, as Compression measured both on the same test rows (ADR 15):
/// <list type="bullet">
/// <item>accuracy: its test ROC-AUC (R² for a regression) within the solution's budget of the best candidate's;
/// for more than two classes its test accuracy too (<see cref="AccuracyName"/>);</item>
/// <item>latency: not slower than its parent at batch 1 nor at batch 64 (medians measured in turns)
/// by more than <see cref="LatencyTolerance"/>;</item>
/// <item>size: no larger than its parent.</item>
/// </list>
/// The trained model itself has no parent and is never refused: it is what a variant must beat.
/// Of the versions that pass, the smallest file serves (customers pay for memory, and none of them
/// is slower), ties going to the higher ROC-AUC. Every refused version gets its reason.
/// </summary>
public static class PromotionPolicy
{
    public const string MetricName = "rocAuc";

    /// <summary>
    /// The metric a deployment's versions are compared by: ROC-AUC for classification, R² for a
    /// regression (ADR 31). <c>TestAuc</c> and the budget hold that metric, whatever their names say.
    /// </summary>
    public static string MetricFor(string? task) => SolutionTemplates.QualityMetric(task);

    /// <summary>
    /// How much slower than its parent a variant may measure and still count as no slower: the
    /// measurement's resolution. Files that run the same graph once loaded, measured in turns as
    /// Compression measures them, came out within 1.7 % of each other at batch 1 and 3 % at batch 64
    /// on a 2-core host with a load average of 30 to 70, but for rare outliers that Compression's
    /// middle-of-three measurement discards (ADR 15): a gap under 3 % says nothing about which is faster.
    /// </summary>
    public const double LatencyTolerance = 0.03;

    /// <summary>
    /// The second figure a multiclass variant is held to. Macro ROC-AUC ranks each class against the
    /// rest and saturates with many classes: on Fashion-MNIST's 10,000 test images a pruned CNN lost
    /// 0.0007 of it and 1.06 points of the classes it names (0.9248 → 0.9142), and passed a budget of
    /// 0.01. A customer sees the likeliest class, so that answer must hold within the budget as well.
    /// </summary>
    public const string AccuracyName = "accuracy";

    public static PromotionDecision Decide(IReadOnlyCollection<ModelVersion> candidates, double accuracyBudget)
    {
        if (candidates.Count == 0) throw new ArgumentException("There is nothing to promote.", nameof(candidates));
        ArgumentOutOfRangeException.ThrowIfNegative(accuracyBudget);

        var best = candidates.Max(v => v.TestAuc);
        var bestAccuracy = candidates.Max(AccuracyOf);
        var refused = candidates
            .Select(v => (Version: v, Reason: RefusalOf(v, best, accuracyBudget, bestAccuracy)))
            .Where(r => r.Reason is not null)
            .Select(r => new PromotionRefusal(r.Version, r.Reason!))
            .ToArray();
        var eligible = candidates.Where(v => refused.All(r => r.Version != v)).ToArray();
        // Only a set of variants without their parent can refuse everything; the most accurate then serves.
        var chosen = eligible.Length > 0
            ? eligible.OrderBy(v => v.SizeBytes).ThenByDescending(v => v.TestAuc).First()
            : candidates.OrderByDescending(v => v.TestAuc).First();
        return new PromotionDecision(chosen, refused);
    }

    /// <summary>
    /// Why <paramref name="version"/> may not serve, or null if it may; <paramref name="bestAccuracy"/>
    /// is the best candidate's test accuracy when the task has more than two classes.
    /// </summary>
    public static string? RefusalOf(ModelVersion version, double bestAuc, double accuracyBudget, double? bestAccuracy = null)
    {
        if (version.ParentVersionId is null) return null;
        var reasons = new List<string>();
        if (version.TestAuc < bestAuc - accuracyBudget - 1e-12)
            reasons.Add(Format($"over the accuracy budget: test {MetricLabel(version)} {version.TestAuc:F4} is {bestAuc - version.TestAuc:F4} below the best candidate's {bestAuc:F4} (budget {accuracyBudget:0.####})"));
        if (bestAccuracy is { } most && AccuracyOf(version) is { } accuracy && accuracy < most - accuracyBudget - 1e-12)
            reasons.Add(Format($"over the accuracy budget: test accuracy {accuracy:F4} is {most - accuracy:F4} below the best candidate's {most:F4} (budget {accuracyBudget:0.####})"));
        if (version.Compression is not { } report)
        {
            reasons.Add("not measured against its parent (no latency or size report)");
        }
        else
        {
            if (Slower(report.LatencyBatch1Ms, report.BaselineLatencyBatch1Ms) is { } batch1) reasons.Add($"slower than its parent at batch 1: {batch1}");
            if (Slower(report.LatencyBatch64Ms, report.BaselineLatencyBatch64Ms) is { } batch64) reasons.Add($"slower than its parent at batch 64: {batch64}");
            if (report.SizeRatio > 1) reasons.Add(Format($"larger than its parent: {report.SizeRatio:P0} of its size"));
        }
        if (reasons.Count == 0) return null;
        var reason = string.Join("; ", reasons);
        return reason.Length > 1000 ? reason[..1000] : reason;
    }

    /// <summary>A multiclass version's test accuracy; null for two classes or a number, whose quality metric already says it.</summary>
    private static double? AccuracyOf(ModelVersion version) =>
        version.Spec.Task == SolutionTemplates.MulticlassClassification && version.Metrics.TryGetValue(AccuracyName, out var accuracy) ? accuracy : null;

    private static string? Slower(double variantMs, double parentMs) =>
        variantMs > parentMs * (1 + LatencyTolerance)
            ? Format($"{variantMs * 1000:0.0} µs against {parentMs * 1000:0.0} µs ({variantMs / parentMs - 1:+0.0 %}, more than the {LatencyTolerance:0 %} the measurement can tell apart)")
            : null;

    /// <summary>The name of the figure a version is compared by, for reasons a person reads.</summary>
    public static string MetricLabel(ModelVersion version) => MetricFor(version.Spec.Task) == MetricName ? "ROC-AUC" : "R²";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
