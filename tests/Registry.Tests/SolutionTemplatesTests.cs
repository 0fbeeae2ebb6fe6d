using Platform.Contracts.Solutions;
using Platform.Tabular.Images;

namespace Platform.Registry.Tests;

public class SolutionTemplatesTests
{
    [Fact]
    public void The_verticals_solutions_are_defined_as_data()
    {
        Assert.Equal(["finance", "healthcare", "retail", "retail", "retail"], SolutionTemplates.All.Select(s => s.Vertical).Order());
        // A vertical's first solution is the one "./platform demo retail" deploys: churn, then product images and review sentiment.
        Assert.Equal(["retail-churn", "retail-product-images", "retail-review-sentiment"], SolutionTemplates.All.Where(s => s.Vertical == "retail").Select(s => s.Name));
        // Product images are told apart among ten classes (ADR 34); every other solution is binary.
        Assert.Equal(SolutionTemplates.MulticlassClassification, SolutionTemplates.Find("retail-product-images")!.Task);
        Assert.All(SolutionTemplates.All, s =>
        {
            Assert.Equal(s.Name == "retail-product-images" ? SolutionTemplates.MulticlassClassification : SolutionTemplates.BinaryClassification, s.Task);
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
            var path = SampleDatasetFiles.PathOf(solution.SampleDataset);
            if (ImageArchive.IsArchive(() => File.OpenRead(path)))
            {
                // An image archive's columns are its images and their labels (ADR 34).
                using var archive = File.OpenRead(path);
                var images = ImageArchive.Read(archive, ImageLimits.Default);
                Assert.Equal(ImageProfiler.LabelColumn, solution.TargetColumn);
                Assert.Equal([ImageProfiler.ImageColumn], solution.ExpectedColumns);
                Assert.True(images.Labels.Distinct().Count() >= 2);
                continue;
            }
            var header = File.ReadLines(SampleDatasetFiles.PathOf(solution.SampleDataset)).First().Split(',').Select(c => c.Trim('"')).ToArray();
            Assert.Contains(solution.TargetColumn, header);
            Assert.Equal(header.Where(c => c != solution.TargetColumn), solution.ExpectedColumns);
        }
    }
}
