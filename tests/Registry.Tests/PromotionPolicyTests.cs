using Platform.Contracts.Solutions;
using Platform.Registry.Domain;

namespace Platform.Registry.Tests;

public sealed class PromotionPolicyTests
{
    private static readonly ModelVersion Fp32 = Version("fp32", auc: 0.850, bytes: 100_000);

    [Fact]
    public void The_smallest_variant_within_the_budget_and_no_slower_than_its_parent_is_promoted()
    {
        var int8 = Variant(auc: 0.842, bytes: 30_000, batch1: (0.0140, 0.0145), batch64: (0.045, 0.056));

        var decision = PromotionPolicy.Decide([Fp32, int8], accuracyBudget: 0.01);

        Assert.Same(int8, decision.Chosen);
        Assert.Empty(decision.Refused);
    }

    [Fact]
    public void A_regression_variant_is_gated_on_r2_and_the_reason_says_so()
    {
        var fp32 = Version("fp32", auc: 0.72, bytes: 100_000, task: SolutionTemplates.Regression);
        var distilled = Variant(auc: 0.70, bytes: 10_000, parent: fp32);

        var decision = PromotionPolicy.Decide([fp32, distilled], accuracyBudget: 0.01);

        Assert.Same(fp32, decision.Chosen);
        Assert.Equal("over the accuracy budget: test R² 0.7000 is 0.0200 below the best candidate's 0.7200 (budget 0.01)", Assert.Single(decision.Refused).Reason);
        Assert.Same(distilled, PromotionPolicy.Decide([fp32, distilled], accuracyBudget: 0.03).Chosen);
    }

    [Fact]
    public void A_multiclass_variant_is_held_to_its_accuracy_too_as_macro_roc_auc_barely_moves_with_ten_classes()
    {
        // The retail-images demo's figures: pruning cost 0.0007 of macro ROC-AUC and 1.06 points of accuracy.
        var fp32 = Version("fp32", auc: 0.9966, bytes: 1_688_401, task: SolutionCatalog.MulticlassClassification, accuracy: 0.9248);
        var pruned = Variant(auc: 0.9959, bytes: 425_291, parent: fp32, accuracy: 0.9142);
        var int8 = Variant(auc: 0.9967, bytes: 481_942, parent: fp32, accuracy: 0.9246);

        var decision = PromotionPolicy.Decide([fp32, pruned, int8], accuracyBudget: 0.01);

        Assert.Same(int8, decision.Chosen);
        var refusal = Assert.Single(decision.Refused);
        Assert.Same(pruned, refusal.Version);
        Assert.Equal("over the accuracy budget: test accuracy 0.9142 is 0.0106 below the best candidate's 0.9248 (budget 0.01)", refusal.Reason);
        Assert.Same(pruned, PromotionPolicy.Decide([fp32, pruned, int8], accuracyBudget: 0.011).Chosen);
    }

    [Fact]
    public void A_two_class_variant_is_gated_on_roc_auc_alone_whatever_its_accuracy()
    {
        var int8 = Variant(auc: 0.845, bytes: 30_000, accuracy: 0.70);

        Assert.Same(int8, PromotionPolicy.Decide([Fp32, int8], accuracyBudget: 0.01).Chosen);
    }

    [Fact]
    public void A_smaller_variant_that_loses_more_than_the_budget_is_refused_with_the_reason()
    {
        var int8 = Variant(auc: 0.835, bytes: 30_000);

        var decision = PromotionPolicy.Decide([Fp32, int8], accuracyBudget: 0.01);

        Assert.Same(Fp32, decision.Chosen);
        var refusal = Assert.Single(decision.Refused);
        Assert.Same(int8, refusal.Version);
        Assert.Equal("over the accuracy budget: test ROC-AUC 0.8350 is 0.0150 below the best candidate's 0.8500 (budget 0.01)", refusal.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void A_variant_slower_than_its_parent_at_either_batch_size_is_not_promoted_and_the_reason_says_where(int batch)
    {
        // Smaller and within the budget, 5 % slower at one batch size, faster at the other.
        var slower = (Variant: 0.015225, Parent: 0.0145);
        var faster = (Variant: 0.045, Parent: 0.056);
        var int8 = batch == 1
            ? Variant(auc: 0.849, bytes: 30_000, batch1: slower, batch64: faster)
            : Variant(auc: 0.849, bytes: 30_000, batch1: (0.0140, 0.0145), batch64: (0.0588, 0.056));

        var decision = PromotionPolicy.Decide([Fp32, int8], accuracyBudget: 0.01);

        Assert.Same(Fp32, decision.Chosen);
        var refusal = Assert.Single(decision.Refused);
        Assert.Same(int8, refusal.Version);
        Assert.Equal(batch == 1
            ? "slower than its parent at batch 1: 15.2 µs against 14.5 µs (+5.0 %, more than the 3 % the measurement can tell apart)"
            : "slower than its parent at batch 64: 58.8 µs against 56.0 µs (+5.0 %, more than the 3 % the measurement can tell apart)",
            refusal.Reason);
    }

    [Fact]
    public void A_variant_within_the_measurements_resolution_of_its_parent_counts_as_no_slower()
    {
        // 2 % over its parent at both batch sizes: less than two measurements of one graph can differ by.
        var int8 = Variant(auc: 0.850, bytes: 30_000, batch1: (0.01479, 0.0145), batch64: (0.05712, 0.056));

        Assert.Same(int8, PromotionPolicy.Decide([Fp32, int8], accuracyBudget: 0.01).Chosen);
    }

    [Fact]
    public void A_variant_larger_than_its_parent_is_refused()
    {
        var bloated = Variant(auc: 0.850, bytes: 90_000, sizeRatio: 1.2);

        var decision = PromotionPolicy.Decide([Fp32, bloated], accuracyBudget: 0.01);

        Assert.Same(Fp32, decision.Chosen);
        Assert.Equal("larger than its parent: 120 % of its size", Assert.Single(decision.Refused).Reason);
    }

    [Fact]
    public void A_variant_never_measured_against_its_parent_is_refused()
    {
        var unmeasured = new ModelVersion
        {
            Technique = "int8", ParentVersionId = Fp32.Id, TestAuc = 0.850, SizeBytes = 30_000,
            Spec = Fp32.Spec.Copy(), ArtifactUri = "artifact://sha256/y", ArtifactSha256 = "y",
        };

        var decision = PromotionPolicy.Decide([Fp32, unmeasured], accuracyBudget: 0.01);

        Assert.Same(Fp32, decision.Chosen);
        Assert.Equal("not measured against its parent (no latency or size report)", Assert.Single(decision.Refused).Reason);
    }

    [Fact]
    public void Every_reason_is_given_when_a_variant_fails_several_gates()
    {
        var int8 = Variant(auc: 0.800, bytes: 30_000, batch1: (0.020, 0.0145));

        var reason = Assert.Single(PromotionPolicy.Decide([Fp32, int8], accuracyBudget: 0.01).Refused).Reason;

        Assert.StartsWith("over the accuracy budget", reason);
        Assert.Contains("; slower than its parent at batch 1: 20.0 µs against 14.5 µs (+37.9 %", reason);
    }

    [Fact]
    public void The_trained_model_is_never_refused_and_serves_when_every_variant_is()
    {
        // A variant far more accurate than its parent puts the parent outside the budget, but it is slower.
        var int8 = Variant(auc: 0.900, bytes: 30_000, batch64: (0.070, 0.056));

        var decision = PromotionPolicy.Decide([Fp32, int8], accuracyBudget: 0.01);

        Assert.Same(Fp32, decision.Chosen);
        Assert.Same(int8, Assert.Single(decision.Refused).Version);
    }

    [Fact]
    public void The_budget_is_measured_from_the_most_accurate_candidate_not_the_first()
    {
        var int8 = Variant(auc: 0.861, bytes: 30_000);

        Assert.Same(int8, PromotionPolicy.Decide([Fp32, int8], accuracyBudget: 0).Chosen);
    }

    [Fact]
    public void A_zero_budget_keeps_only_the_most_accurate_and_sizes_break_no_ties_in_accuracy()
    {
        var a = Version("fp32", auc: 0.80, bytes: 100);
        var b = Variant(auc: 0.80, bytes: 100, parent: a);
        var c = Variant(auc: 0.79, bytes: 10, parent: a);

        var decision = PromotionPolicy.Decide([a, b, c], 0);

        Assert.Contains(decision.Chosen, new[] { a, b });
        Assert.Same(c, Assert.Single(decision.Refused).Version);
    }

    [Fact]
    public void Nothing_to_promote_is_an_error() =>
        Assert.Throws<ArgumentException>(() => PromotionPolicy.Decide([], 0.01));

    /// <summary>A compressed variant of <paramref name="parent"/> (fp32 by default), latencies in ms as (variant, parent).</summary>
    private static ModelVersion Variant(
        double auc, long bytes, (double Variant, double Parent)? batch1 = null, (double Variant, double Parent)? batch64 = null,
        double? sizeRatio = null, ModelVersion? parent = null, double? accuracy = null)
    {
        parent ??= Fp32;
        var (b1, p1) = batch1 ?? (0.0145, 0.0145);
        var (b64, p64) = batch64 ?? (0.056, 0.056);
        return new ModelVersion
        {
            Technique = "int8",
            ParentVersionId = parent.Id,
            TestAuc = auc,
            Metrics = accuracy is { } a ? new() { ["accuracy"] = a } : [],
            SizeBytes = bytes,
            Spec = parent.Spec.Copy(),
            ArtifactUri = "artifact://sha256/y",
            ArtifactSha256 = "y",
            Compression = new CompressionReport
            {
                SizeRatio = sizeRatio ?? (double)bytes / parent.SizeBytes,
                AucDelta = auc - parent.TestAuc,
                LatencyBatch1Ms = b1, BaselineLatencyBatch1Ms = p1,
                LatencyBatch64Ms = b64, BaselineLatencyBatch64Ms = p64,
            },
        };
    }

    private static ModelVersion Version(string technique, double auc, long bytes, string task = SolutionCatalog.BinaryClassification, double? accuracy = null) => new()
    {
        Technique = technique,
        TestAuc = auc,
        Metrics = accuracy is { } a ? new() { ["accuracy"] = a } : [],
        SizeBytes = bytes,
        Spec = new SpecColumns { TargetColumn = "y", PositiveClass = task == SolutionCatalog.BinaryClassification ? "1" : null, Task = task },
        ArtifactUri = "artifact://sha256/x",
        ArtifactSha256 = "x",
    };
}
