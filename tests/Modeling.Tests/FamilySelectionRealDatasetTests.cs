using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

/// <summary>
/// Every family on the three samples: each one's validation and test ROC-AUC printed, the winner
/// chosen on validation alone, and the boosted trees held to the churn target.
/// </summary>
public class FamilySelectionRealDatasetTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("finance-credit.csv", "Status", "bad")]
    [InlineData("healthcare-diabetes.csv", "diabetes", "pos")]
    [InlineData("retail-churn.csv", "churn", "yes")]
    public void Each_family_is_measured_and_the_best_on_validation_wins(string file, string target, string positive)
    {
        var request = Tables.Request(SharedDatasets.Read(file), target, positive, null, 42);

        var selection = new FamilySelectionTrainer().Train(request);

        foreach (var c in selection.Candidates)
            output.WriteLine($"{file} {c.Family,-20} validation AUC {c.ValidationAuc:F4}  test AUC {c.TestAuc:F4}  " +
                $"parity {c.ParityMaxAbsDelta:E1}  {c.Iterations} iterations  {c.FileBytes / 1024.0:F0} KiB  {c.TrainingTime.TotalSeconds:F1} s");
        output.WriteLine($"{file}: chosen {selection.Winner.Family}, test AUC {selection.Winner.TestMetrics.RocAuc:F4}");

        var best = selection.Candidates.MaxBy(c => c.ValidationAuc)!;
        Assert.Equal(best.Family, selection.Winner.Family);
        Assert.Equal(best.TestAuc, selection.Winner.TestMetrics.RocAuc, 9);
        Assert.Equal([ModelFamilies.LogisticRegression, ModelFamilies.BoostedTrees, ModelFamilies.Mlp], selection.Candidates.Select(c => c.Family));
        Assert.All(selection.Candidates, c => Assert.True(c.ParityMaxAbsDelta < 1e-4, $"{c.Family} parity {c.ParityMaxAbsDelta}"));
        if (file == "retail-churn.csv")
        {
            var trees = selection.Candidates.Single(c => c.Family == ModelFamilies.BoostedTrees);
            Assert.True(trees.TestAuc >= 0.915, $"boosted trees' churn test AUC {trees.TestAuc:F4}");
        }
    }
}
