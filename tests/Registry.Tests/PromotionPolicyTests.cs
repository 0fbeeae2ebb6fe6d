using Platform.Registry.Domain;

namespace Platform.Registry.Tests;

public sealed class PromotionPolicyTests
{
    [Fact]
    public void The_smallest_version_within_the_budget_of_the_best_is_promoted()
    {
        var fp32 = Version("fp32", auc: 0.850, bytes: 100_000);
        var int8 = Version("int8", auc: 0.842, bytes: 30_000);

        Assert.Same(int8, PromotionPolicy.Choose([fp32, int8], accuracyBudget: 0.01));
    }

    [Fact]
    public void A_smaller_version_that_loses_more_than_the_budget_is_not_promoted()
    {
        var fp32 = Version("fp32", auc: 0.850, bytes: 100_000);
        var int8 = Version("int8", auc: 0.835, bytes: 30_000);

        Assert.Same(fp32, PromotionPolicy.Choose([fp32, int8], accuracyBudget: 0.01));
    }

    [Fact]
    public void The_best_version_is_measured_against_the_most_accurate_candidate_not_the_first()
    {
        var int8 = Version("int8", auc: 0.861, bytes: 30_000);
        var fp32 = Version("fp32", auc: 0.850, bytes: 100_000);

        Assert.Same(int8, PromotionPolicy.Choose([fp32, int8], accuracyBudget: 0));
    }

    [Fact]
    public void A_zero_budget_keeps_only_the_most_accurate_and_sizes_break_no_ties_in_accuracy()
    {
        var a = Version("fp32", auc: 0.80, bytes: 100);
        var b = Version("int8", auc: 0.80, bytes: 100);
        var c = Version("pruned", auc: 0.79, bytes: 10);

        Assert.Contains(PromotionPolicy.Choose([a, b, c], 0), new[] { a, b });
    }

    [Fact]
    public void Nothing_to_promote_is_an_error() =>
        Assert.Throws<ArgumentException>(() => PromotionPolicy.Choose([], 0.01));

    private static ModelVersion Version(string technique, double auc, long bytes) => new()
    {
        Technique = technique,
        TestAuc = auc,
        SizeBytes = bytes,
        Spec = new SpecColumns { TargetColumn = "y", PositiveClass = "1", Task = SolutionCatalog.BinaryClassification },
        ArtifactUri = "artifact://sha256/x",
        ArtifactSha256 = "x",
    };
}
