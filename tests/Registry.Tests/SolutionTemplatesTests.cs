using Platform.Contracts.Solutions;

namespace Platform.Registry.Tests;

public class SolutionTemplatesTests
{
    [Fact]
    public void The_verticals_solutions_are_defined_as_data()
    {
        Assert.Equal(["finance", "healthcare", "retail", "retail"], SolutionTemplates.All.Select(s => s.Vertical).Order());
        // A vertical's first solution is the one "./platform demo retail" deploys: churn, then review sentiment.
        Assert.Equal(["retail-churn", "retail-review-sentiment"], SolutionTemplates.All.Where(s => s.Vertical == "retail").Select(s => s.Name));
        Assert.All(SolutionTemplates.All, s =>
        {
            Assert.Equal(SolutionTemplates.BinaryClassification, s.Task);
            Assert.InRange(s.AccuracyBudget, 0, 0.1);
            Assert.NotEmpty(s.ExpectedColumns);
            Assert.DoesNotContain(s.TargetColumn, s.ExpectedColumns);
        });
        Assert.Equal("bad", SolutionTemplates.Find("FINANCE-CREDIT-RISK")!.PositiveClass);
    }

    [Fact]
    public void Each_sample_dataset_has_the_target_and_the_expected_columns()
    {
        foreach (var solution in SolutionTemplates.All)
        {
            var header = File.ReadLines(SampleDatasetFiles.PathOf(solution.SampleDataset)).First().Split(',').Select(c => c.Trim('"')).ToArray();
            Assert.Contains(solution.TargetColumn, header);
            Assert.Equal(header.Where(c => c != solution.TargetColumn), solution.ExpectedColumns);
        }
    }
}
