using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Compression;
using Platform.Modeling.Data;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Tabular;
using Platform.Tabular.Evaluation;
using Xunit.Abstractions;
using ModelMetadata = Platform.Modeling.Onnx.ModelMetadata;

namespace Platform.Modeling.Tests;

/// <summary>
/// Multiclass classification (issue 14, item 5) on a real table: the finance sample's <c>Job</c>
/// (fixed, freelance, partime, others) learned from the other columns by every family, measured by
/// macro ROC-AUC, accuracy and macro F1 on test rows, against the majority class on the same rows.
/// </summary>
public class MulticlassTests(ITestOutputHelper output)
{
    private static TrainingRequest JobRequest() => Tables.Request(SharedDatasets.Read("finance-credit.csv"), "Job", null, null, 42);

    [Fact]
    public void Every_family_learns_four_classes_and_the_best_out_of_fold_wins()
    {
        var request = JobRequest();
        var selection = new FamilySelectionTrainer().Train(request);

        var table = LabelledTable.From(request.Data, "Job", null, null, 42);
        var (_, testLabels) = table.Partition(SplitPartition.Test);
        var majority = testLabels.GroupBy(l => l).Max(g => g.Count()) / (double)testLabels.Length;
        foreach (var c in selection.Candidates)
            output.WriteLine($"{c.Family,-20} cross-validation macro AUC {c.CrossValidationAuc:F4}  validation macro AUC {c.ValidationAuc:F4}  test macro AUC {c.TestAuc:F4}  parity {c.ParityMaxAbsDelta:E1}  {c.FileBytes / 1024.0:F0} KiB");
        var m = selection.Winner.TestMetrics.Classification!;
        output.WriteLine($"chosen {selection.Winner.Family}: macro AUC {m.RocAuc:F4}, accuracy {m.Accuracy:F4} (majority class {majority:F4}), macro F1 {m.F1:F4}");

        Assert.Equal(["fixed", "freelance", "others", "partime"], table.Classes);
        Assert.Equal(["fixed", "freelance", "others", "partime"], selection.Winner.Classes);
        Assert.Equal(selection.Candidates.MaxBy(c => c.CrossValidationAuc)!.Family, selection.Winner.Family);
        Assert.All(selection.Candidates, c => Assert.True(c.ParityMaxAbsDelta < 1e-4, $"{c.Family} parity {c.ParityMaxAbsDelta}"));
        // A ranking that knows nothing scores 0.5; the job is partly readable from seniority, income and home.
        Assert.All(selection.Candidates, c => Assert.True(c.TestAuc > 0.7, $"{c.Family} macro AUC {c.TestAuc:F4}"));
        Assert.True(m.Accuracy > majority + 0.02, $"accuracy {m.Accuracy:F4}, majority class {majority:F4}");
        Assert.InRange(m.F1, 0.3, 1);
    }

    [Theory]
    [InlineData(ModelFamilies.LogisticRegression)]
    [InlineData(ModelFamilies.BoostedTrees)]
    [InlineData(ModelFamilies.Mlp)]
    public void Each_family_writes_one_file_whose_probabilities_cover_every_class(string family)
    {
        var request = JobRequest();
        var chosen = FamilySelectionTrainer.DefaultFamilies().Single(f => f.Name == family);
        var trained = new FamilySelectionTrainer([chosen]).Train(request).Winner;

        using var session = new InferenceSession(trained.OnnxModel);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(["fixed", "freelance", "others", "partime"], JsonSerializer.Deserialize<string[]>(metadata[ModelMetadata.Classes])!);
        Assert.False(metadata.ContainsKey(ModelMetadata.PositiveClass), "a multiclass file names no positive class");
        Assert.Equal(4, session.OutputMetadata[ModelMetadata.ProbabilitiesOutput].Dimensions[1]);

        var (rows, _) = LabelledTable.From(request.Data, "Job", null, null, 42).Partition(SplitPartition.Test);
        using var classifier = new OnnxClassifier(trained.OnnxModel);
        var probabilities = classifier.PredictProbabilities(request.Data, rows);
        for (var r = 0; r < rows.Length; r++)
            Assert.Equal(1.0, probabilities.Skip(r * 4).Take(4).Sum(), 4);
        Assert.Throws<InvalidOperationException>(() => classifier.PredictPositive(request.Data, rows));

        // The label output is the likeliest class, by name.
        var inputs = session.InputMetadata.Select(kv => kv.Value.ElementDataType == TensorElementType.Float
            ? NamedOnnxValue.CreateFromTensor(kv.Key, new DenseTensor<float>(new[] { float.NaN }, [1, 1]))
            : NamedOnnxValue.CreateFromTensor(kv.Key, new DenseTensor<string>(new[] { "" }, [1, 1]))).ToList();
        using var results = session.Run(inputs);
        var label = results.Single(r => r.Name == ModelMetadata.LabelOutput).AsTensor<string>()[0];
        var p = results.Single(r => r.Name == ModelMetadata.ProbabilitiesOutput).AsTensor<float>();
        Assert.Equal(new[] { "fixed", "freelance", "others", "partime" }[Enumerable.Range(0, 4).MaxBy(c => p[0, c])], label);
    }

    [Fact]
    public void A_student_and_an_int8_variant_keep_every_class()
    {
        var request = JobRequest();
        var teacher = new FamilySelectionTrainer([FamilySelectionTrainer.DefaultFamilies()[^1]]).Train(request).Winner;

        var student = Distiller.Distill(teacher.OnnxModel, request);
        var distilled = ModelEvaluation.EvaluateVariant(teacher.OnnxModel, student, request, latencyPairs: 200);
        var int8File = Int8Quantizer.Quantize(teacher.OnnxModel);
        var int8 = ModelEvaluation.EvaluateVariant(teacher.OnnxModel, int8File, request, latencyPairs: 200);
        // Compression scores the original once for all its variants: the same comparison as scoring it again.
        var reused = ModelEvaluation.EvaluateVariant(teacher.OnnxModel, int8File, request, latencyPairs: 10,
            parentScores: ModelEvaluation.TestScores(teacher.OnnxModel, request));
        Assert.Equal(int8.Parent.TestMetrics.RocAuc, reused.Parent.TestMetrics.RocAuc);
        Assert.Equal(int8.MaxProbabilityDelta, reused.MaxProbabilityDelta);
        output.WriteLine($"teacher macro AUC {distilled.Parent.TestMetrics.RocAuc:F6}; student {distilled.Variant.TestMetrics.RocAuc:F6} ({student.Length / 1024.0:F0} KiB); " +
            $"int8 {int8.Variant.TestMetrics.RocAuc:F6}, max |Δp| {int8.MaxProbabilityDelta:F4}");

        Assert.True(distilled.Variant.TestMetrics.RocAuc > distilled.Parent.TestMetrics.RocAuc - 0.03,
            $"student {distilled.Variant.TestMetrics.RocAuc:F4}, teacher {distilled.Parent.TestMetrics.RocAuc:F4}");
        Assert.True(int8.MaxProbabilityDelta < 0.05, $"int8 moved a probability by {int8.MaxProbabilityDelta:F4}");
        using var session = new InferenceSession(student);
        Assert.Equal(4, session.OutputMetadata[ModelMetadata.ProbabilitiesOutput].Dimensions[1]);
    }

    [Fact]
    public void A_class_the_train_rows_never_show_is_refused_by_name()
    {
        // 'ignore' has 20 of 4,454 rows. A row's partition follows from its cells and the seed, so
        // keeping only the 'ignore' rows that fall outside train leaves a class train never shows.
        var data = SharedDatasets.Read("finance-credit.csv");
        var home = data.Columns.ToList().IndexOf("Home");
        var ignore = data.Rows.Where(r => r[home] == "ignore").ToArray();
        var tagged = Tables.Typed(new TabularData(data.Columns, ignore), "Home", 42);
        var heldOut = ignore.Where((_, i) => (SplitPartition)tagged.RowTag(i) != SplitPartition.Train).ToArray();
        Assert.NotEmpty(heldOut);
        var rows = data.Rows.Where(r => r[home] != "ignore").Take(300).Concat(heldOut).ToArray();

        var refusal = Assert.Throws<InvalidTrainingDataException>(() =>
            LabelledTable.From(Tables.Typed(new TabularData(data.Columns, rows), "Home", 42), "Home", null, null, 42));

        Assert.Contains($"has no row of the class 'ignore' ({heldOut.Length} row{(heldOut.Length == 1 ? "" : "s")} in all)", refusal.Message);
    }

    [Fact]
    public void A_target_with_too_many_values_is_not_taken_for_classes()
    {
        var data = SharedDatasets.Read("finance-credit.csv");
        var table = Tables.Typed(data, "Amount", 42);

        var refusal = Assert.Throws<InvalidTrainingDataException>(() => LabelledTable.From(table, "Amount", null, null, 42));

        Assert.Contains("distinct values; multiclass classification takes at most 100", refusal.Message);
    }

    [Fact]
    public void Macro_metrics_average_each_class_against_the_rest()
    {
        // Three classes; rows' true classes and probabilities chosen so each one-vs-rest AUC is known.
        int[] actual = [0, 0, 1, 1, 2, 2];
        float[] p =
        [
            0.8f, 0.1f, 0.1f,
            0.4f, 0.5f, 0.1f,
            0.1f, 0.8f, 0.1f,
            0.3f, 0.6f, 0.1f,
            0.1f, 0.1f, 0.8f,
            0.2f, 0.2f, 0.6f,
        ];
        var metrics = ClassificationMetrics.Compute(actual, p, 3);

        // Class 0 against the rest: positives 0.8, 0.4 vs negatives 0.1, 0.3, 0.1, 0.2 → 1.0.
        // Class 1: positives 0.8, 0.6 vs 0.1, 0.5, 0.1, 0.2 → 1.0. Class 2: 0.8, 0.6 vs 0.1 ×4 → 1.0.
        Assert.Equal(1.0, metrics.RocAuc, 12);
        // Predicted: 0, 1, 1, 1, 2, 2 → 5 of 6 right.
        Assert.Equal(5 / 6.0, metrics.Accuracy, 12);
        // Precision: class 0 1/1, class 1 2/3, class 2 2/2; recall: 1/2, 2/2, 2/2.
        Assert.Equal((1 + 2 / 3.0 + 1) / 3, metrics.Precision, 12);
        Assert.Equal((0.5 + 1 + 1) / 3, metrics.Recall, 12);
        Assert.Equal((2 * 0.5 / 1.5 + 2 * (2 / 3.0) / (5 / 3.0) + 1) / 3, metrics.F1, 12);
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.8) + Math.Log(0.6) + Math.Log(0.8) + Math.Log(0.6)) / 6, metrics.LogLoss, 6);
        // Two classes are measured as binary, class 1 positive.
        Assert.Equal(ClassificationMetrics.Compute([true, false], [0.7f, 0.4f]), ClassificationMetrics.Compute([1, 0], [0.3f, 0.7f, 0.6f, 0.4f], 2));
    }
}
