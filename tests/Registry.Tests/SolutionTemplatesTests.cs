using Platform.Contracts.Solutions;

namespace Platform.Registry.Tests;

public class SolutionTemplatesTests
{
    [Fact]
    public void The_three_verticals_are_defined_as_data()
    {
        Assert.Equal(["finance", "healthcare", "retail"], SolutionTemplates.All.Select(s => s.Vertical).Order());
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
        var folder = Locate();
        foreach (var solution in SolutionTemplates.All)
        {
            var header = File.ReadLines(Path.Combine(folder, solution.SampleDataset)).First().Split(',').Select(c => c.Trim('"')).ToArray();
            Assert.Contains(solution.TargetColumn, header);
            Assert.Equal(header.Where(c => c != solution.TargetColumn), solution.ExpectedColumns);
        }
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/datasets was not found above the test binaries");
    }
}
