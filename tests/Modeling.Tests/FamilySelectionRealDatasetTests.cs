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
    public void Each_candidate_is_measured_and_the_best_out_of_fold_wins(string file, string target, string positive)
    {
        var request = Tables.Request(SharedDatasets.Read(file), target, positive, null, 42);

        var selection = new FamilySelectionTrainer().Train(request);

        foreach (var c in selection.Candidates)
            output.WriteLine($"{file} {c.Family,-20} cross-validation AUC {c.CrossValidationAuc:F4}  validation AUC {c.ValidationAuc:F4}  test AUC {c.TestAuc:F4}  " +
                $"parity {c.ParityMaxAbsDelta:E1}  {c.Iterations} iterations  {c.FileBytes / 1024.0:F0} KiB  {c.TrainingTime.TotalSeconds:F1} s");
        output.WriteLine($"{file}: chosen {selection.Winner.Family}, test AUC {selection.Winner.TestMetrics.RocAuc:F4}");

        // Every sample has at most 5,000 train + validation rows: each is chosen on five folds.
        Assert.All(selection.Candidates, c => Assert.NotNull(c.CrossValidationAuc));
        var best = selection.Candidates.MaxBy(c => c.CrossValidationAuc)!;
        Assert.Equal(best.Family, selection.Winner.Family);
        Assert.Equal(best.TestAuc, selection.Winner.TestMetrics.RocAuc, 9);
        Assert.Equal([ModelFamilies.LogisticRegression, ModelFamilies.BoostedTrees, ModelFamilies.Mlp, ModelFamilies.Blend], selection.Candidates.Select(c => c.Family));
        Assert.All(selection.Candidates, c => Assert.True(c.ParityMaxAbsDelta < 1e-4, $"{c.Family} parity {c.ParityMaxAbsDelta}"));
        if (file == "retail-churn.csv")
            Assert.True(selection.Winner.TestMetrics.RocAuc >= 0.915, $"churn's chosen {selection.Winner.Family} test AUC {selection.Winner.TestMetrics.RocAuc:F4}");
    }

    [Fact]
    public void A_table_above_the_folding_limit_is_chosen_on_its_validation_rows()
    {
        var request = Tables.Request(SharedDatasets.Read("healthcare-diabetes.csv"), "diabetes", "pos", null, 42);

        var selection = new FamilySelectionTrainer(crossValidation: new CrossValidationOptions { MaxRows = 500 }).Train(request);

        Assert.All(selection.Candidates, c => Assert.Null(c.CrossValidationAuc));
        Assert.Equal(selection.Candidates.MaxBy(c => c.ValidationAuc)!.Family, selection.Winner.Family);
    }
}
