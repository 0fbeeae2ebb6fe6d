using Microsoft.ML.OnnxRuntime;
using Platform.Contracts.Solutions;
using Platform.Modeling.Compression;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Xunit.Abstractions;
using ModelMetadata = Platform.Modeling.Onnx.ModelMetadata;

namespace Platform.Modeling.Tests;

/// <summary>
/// Knowledge distillation on the real samples (ADR 24): the chosen model as teacher, a small MLP
/// student, both measured on the same test rows as Compression measures them.
/// </summary>
public class DistillationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("finance-credit-risk")]
    [InlineData("retail-churn")]
    public void A_student_learns_the_chosen_models_probabilities_and_is_measured_against_it(string solutionName)
    {
        var solution = SolutionTemplates.Find(solutionName)!;
        var request = Tables.Request(SharedDatasets.Read(solution.SampleDataset), solution.TargetColumn, solution.PositiveClass, null, 42);
        var teacher = new FamilySelectionTrainer().Train(request).Winner;

        var student = Distiller.Distill(teacher.OnnxModel, request);
        var measured = ModelEvaluation.EvaluateVariant(teacher.OnnxModel, student, request, latencyPairs: 2000);

        output.WriteLine($"{solutionName}: teacher {teacher.Family} AUC {measured.Parent.TestMetrics.RocAuc:F4}, {teacher.OnnxModel.Length / 1024.0:F0} KiB, " +
            $"batch 1 {measured.Parent.LatencyBatch1Ms * 1000:F1} µs, batch 64 {measured.Parent.LatencyBatch64Ms * 1000:F1} µs; " +
            $"student AUC {measured.Variant.TestMetrics.RocAuc:F4}, {student.Length / 1024.0:F0} KiB, batch 1 {measured.Variant.LatencyBatch1Ms * 1000:F1} µs, " +
            $"batch 64 {measured.Variant.LatencyBatch64Ms * 1000:F1} µs; max |Δp| {measured.MaxProbabilityDelta:F3}");
        using var session = new InferenceSession(student);
        Assert.Equal(ModelFamilies.Mlp, session.ModelMetadata.CustomMetadataMap[ModelMetadata.Family]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(teacher.OnnxModel)),
            session.ModelMetadata.CustomMetadataMap[ModelMetadata.DistilledFrom]);
        Assert.True(student.Length < teacher.OnnxModel.Length / 3, $"student {student.Length} bytes, teacher {teacher.OnnxModel.Length}");
        Assert.True(measured.Variant.TestMetrics.RocAuc > measured.Parent.TestMetrics.RocAuc - 0.03,
            $"student {measured.Variant.TestMetrics.RocAuc:F4}, teacher {measured.Parent.TestMetrics.RocAuc:F4}");
        Assert.Equal(student, Distiller.Distill(teacher.OnnxModel, request));
    }
}
