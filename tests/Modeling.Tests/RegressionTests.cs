using Microsoft.ML.OnnxRuntime;
using Platform.Modeling.Compression;
using Platform.Modeling.Data;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular.Evaluation;
using Xunit.Abstractions;
using ModelMetadata = Platform.Modeling.Onnx.ModelMetadata;

namespace Platform.Modeling.Tests;

/// <summary>
/// Regression (issue 14, item 5; ADR 31) on a real table: the finance sample's loan <c>Amount</c>
/// learned from the other columns (the goods' price, income, assets…) by every family, chosen on
/// out-of-fold R², measured by R², RMSE and MAE on test rows, against the train mean and against
/// least squares solved exactly on the same feature vector.
/// </summary>
public class RegressionTests(ITestOutputHelper output)
{
    private static TrainingRequest AmountRequest() =>
        Tables.Request(SharedDatasets.Read("finance-credit.csv"), "Amount", null, null, 42) with { Regression = true };

    [Fact]
    public void Every_family_learns_the_amount_and_the_best_out_of_fold_wins()
    {
        var request = AmountRequest();
        var selection = new FamilySelectionTrainer().Train(request);
        var split = TrainingSplit.Prepare(request);

        foreach (var c in selection.Candidates)
            output.WriteLine($"{c.Family,-20} cross-validation R² {c.CrossValidationAuc:F4}  validation R² {c.ValidationAuc:F4}  test R² {c.TestAuc:F4}  parity {c.ParityMaxAbsDelta:E1}  {c.FileBytes / 1024.0:F0} KiB");
        var m = selection.Winner.TestMetrics.Regression!;
        var mean = split.TrainValues.Average();
        var meanRmse = Math.Sqrt(split.TestValues.Average(v => (v - mean) * (v - mean)));
        var exact = LeastSquares(split);
        output.WriteLine($"chosen {selection.Winner.Family}: R² {m.R2:F4}, RMSE {m.Rmse:F1}, MAE {m.Mae:F1} (train mean: RMSE {meanRmse:F1}; exact least squares: R² {exact:F4})");

        Assert.Equal(
            [ModelFamilies.LinearRegression, ModelFamilies.BoostedTrees, ModelFamilies.Mlp, ModelFamilies.Blend],
            selection.Candidates.Select(c => c.Family));
        Assert.Equal(selection.Candidates.MaxBy(c => c.CrossValidationAuc)!.Family, selection.Winner.Family);
        Assert.All(selection.Candidates, c => Assert.True(c.ParityMaxAbsDelta < 1e-4, $"{c.Family} parity {c.ParityMaxAbsDelta} (relative to the value)"));
        Assert.Empty(selection.Winner.Classes);
        // The price of the goods explains much of the loan; the mean explains nothing (R² 0).
        Assert.True(m.R2 > 0.6, $"R² {m.R2:F4}");
        Assert.True(m.Rmse < 0.7 * meanRmse, $"RMSE {m.Rmse:F1} against the mean's {meanRmse:F1}");
        // The linear family, trained by Adam, reaches what least squares solved exactly reaches on the same rows.
        var linear = selection.Candidates.Single(c => c.Family == ModelFamilies.LinearRegression);
        Assert.True(linear.TestAuc > exact - 0.01, $"linear regression R² {linear.TestAuc:F4}, exact least squares {exact:F4}");
        Assert.True(selection.Winner.TestMetrics.Quality >= linear.TestAuc - 0.02, "the chosen model is not far below the linear one on test");
        Assert.Contains("Price", selection.Winner.FeatureImportance.MaxBy(kv => kv.Value).Key);
    }

    [Theory]
    [InlineData(ModelFamilies.LinearRegression)]
    [InlineData(ModelFamilies.BoostedTrees)]
    [InlineData(ModelFamilies.Mlp)]
    public void Each_family_writes_one_file_with_a_value_and_no_classes(string family)
    {
        var request = AmountRequest();
        var chosen = FamilySelectionTrainer.DefaultFamilies()[family switch { ModelFamilies.LinearRegression => 0, ModelFamilies.BoostedTrees => 1, _ => 2 }];
        var trained = new FamilySelectionTrainer([chosen], crossValidation: new CrossValidationOptions { Folds = 0 }).Train(request).Winner;

        using var session = new InferenceSession(trained.OnnxModel);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(ModelMetadata.RegressionTask, metadata[ModelMetadata.Task]);
        Assert.Equal(family, metadata[ModelMetadata.Family]);
        Assert.Equal("Amount", metadata[ModelMetadata.Target]);
        Assert.False(metadata.ContainsKey(ModelMetadata.Classes), "a regression file names no classes");
        Assert.Equal([ModelMetadata.ValueOutput], session.OutputMetadata.Keys);
        Assert.Equal([-1, 1], session.OutputMetadata[ModelMetadata.ValueOutput].Dimensions);
        Assert.Equal(family, trained.Family);
        Assert.True(trained.TestMetrics.Regression!.R2 > 0.5, $"{family} R² {trained.TestMetrics.Regression.R2:F4}");
        Assert.Equal(["r2", "rmse", "mae"], trained.TestMetrics.ToDictionary().Keys);
    }

    [Fact]
    public void A_target_that_is_not_a_number_is_refused_by_value_and_row()
    {
        var request = Tables.Request(SharedDatasets.Read("finance-credit.csv"), "Job", null, null, 42) with { Regression = true };
        var error = Assert.Throws<InvalidTrainingDataException>(() => new FamilySelectionTrainer().Train(request));
        Assert.Equal("The target 'Job' holds 'freelance' in row 1, not a number; regression needs a numeric target.", error.Message);

        var positive = Tables.Request(SharedDatasets.Read("finance-credit.csv"), "Amount", "800", null, 42) with { Regression = true };
        Assert.Contains("has no positive class ('800' was given)", Assert.Throws<InvalidTrainingDataException>(() => TrainingSplit.Prepare(positive)).Message);
    }

    [Fact]
    public void The_compression_menu_makes_regression_variants_measured_by_r2()
    {
        var request = AmountRequest();
        var mlp = new FamilySelectionTrainer([new NetworkFamily()], crossValidation: new CrossValidationOptions { Folds = 0 }).Train(request).Winner.OnnxModel;
        var trees = new FamilySelectionTrainer([new BoostedTreesFamily()], crossValidation: new CrossValidationOptions { Folds = 0 }).Train(request).Winner.OnnxModel;

        foreach (var (technique, parent, variant) in new[]
        {
            ("int8", mlp, Int8Quantizer.Quantize(mlp)),
            ("pruned mlp", mlp, Pruner.Prune(mlp, request)),
            ("pruned trees", trees, TreePruner.Prune(trees, request)),
            ("distilled from trees", trees, Distiller.Distill(trees, request)),
        })
        {
            var evaluation = ModelEvaluation.EvaluateVariant(parent, variant, request, latencyPairs: 50);
            var (before, after) = (evaluation.Parent.TestMetrics.Regression!, evaluation.Variant.TestMetrics.Regression!);
            output.WriteLine($"{technique,-22} R² {before.R2:F4} → {after.R2:F4}, RMSE {before.Rmse:F1} → {after.Rmse:F1}, max |Δ value| {evaluation.MaxProbabilityDelta:F2}, {parent.Length / 1024.0:F0} → {variant.Length / 1024.0:F0} KiB");
            using var classifier = new OnnxClassifier(variant);
            Assert.True(classifier.IsRegression, technique);
            Assert.True(after.R2 > before.R2 - 0.1, $"{technique}: R² {before.R2:F4} → {after.R2:F4}");
            Assert.True(after.R2 > 0.5, $"{technique}: R² {after.R2:F4}");
        }
    }

    /// <summary>Test R² of least squares solved exactly (normal equations, Cholesky, a 1e-6 ridge for the one-hot blocks' collinearity) on the split's train features.</summary>
    private static double LeastSquares(TrainingSplit split)
    {
        var width = split.Pipeline.Width + 1;
        var x = split.Features(split.TrainRows);
        var n = split.TrainRows.Length;
        var a = new double[width, width];
        var b = new double[width];
        var row = new double[width];
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < width - 1; j++) row[j] = x[r * (width - 1) + j];
            row[width - 1] = 1;
            for (var i = 0; i < width; i++)
            {
                b[i] += row[i] * split.TrainValues[r];
                for (var j = 0; j < width; j++) a[i, j] += row[i] * row[j];
            }
        }
        for (var i = 0; i < width; i++) a[i, i] += 1e-6 * n;
        // Cholesky: a = L Lᵀ, then two triangular solves.
        var l = new double[width, width];
        for (var i = 0; i < width; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        var y = new double[width];
        for (var i = 0; i < width; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++) sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        var w = new double[width];
        for (var i = width - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < width; k++) sum -= l[k, i] * w[k];
            w[i] = sum / l[i, i];
        }
        var test = split.Features(split.TestRows);
        var predicted = new float[split.TestRows.Length];
        for (var r = 0; r < predicted.Length; r++)
        {
            var sum = w[width - 1];
            for (var j = 0; j < width - 1; j++) sum += w[j] * test[r * (width - 1) + j];
            predicted[r] = (float)sum;
        }
        return RegressionMetrics.RSquared(split.TestValues, predicted);
    }
}
