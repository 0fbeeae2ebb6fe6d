using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Platform.Contracts.Solutions;
using Platform.Modeling.Compression;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Xunit.Abstractions;
using ModelMetadata = Platform.Modeling.Onnx.ModelMetadata;

namespace Platform.Modeling.Tests;

/// <summary>
/// Structured pruning with fine-tuning on the real samples (ADR 26): the MLP keeps a quarter of each
/// hidden layer's neurons, is fine-tuned, and is measured against its parent on the same test rows.
/// </summary>
public class PruningTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("finance-credit-risk")]
    [InlineData("healthcare-diabetes-risk")]
    public void A_pruned_mlp_keeps_a_quarter_of_its_neurons_and_its_parents_quality(string solutionName)
    {
        var solution = SolutionTemplates.Find(solutionName)!;
        var request = Tables.Request(SharedDatasets.Read(solution.SampleDataset), solution.TargetColumn, solution.PositiveClass, null, 42);
        var parent = new TabularClassifierTrainer().Train(request).OnnxModel;

        var pruned = Pruner.Prune(parent, request);
        var measured = ModelEvaluation.EvaluateVariant(parent, pruned, request, latencyPairs: 2000);

        output.WriteLine($"{solutionName}: parent AUC {measured.Parent.TestMetrics.RocAuc:F4}, {parent.Length / 1024.0:F0} KiB, " +
            $"batch 64 {measured.Parent.LatencyBatch64Ms * 1000:F1} µs; pruned AUC {measured.Variant.TestMetrics.RocAuc:F4}, " +
            $"{pruned.Length / 1024.0:F0} KiB, batch 64 {measured.Variant.LatencyBatch64Ms * 1000:F1} µs");
        var layers = Pruner.ReadLayers(ModelProto.Parser.ParseFrom(pruned));
        Assert.Equal([64, 32], layers.Take(2).Select(l => l.Outputs));
        using var session = new InferenceSession(pruned);
        var record = JsonDocument.Parse(session.ModelMetadata.CustomMetadataMap[ModelMetadata.Pruned]).RootElement;
        Assert.Equal([256, 128], record.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("neurons").GetInt32()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(parent)), record.GetProperty("prunedFrom").GetString());
        Assert.Equal(ModelFamilies.Mlp, session.ModelMetadata.CustomMetadataMap[ModelMetadata.Family]);
        Assert.True(pruned.Length < parent.Length / 3, $"pruned {pruned.Length} bytes, parent {parent.Length}");
        Assert.True(measured.Variant.TestMetrics.RocAuc > measured.Parent.TestMetrics.RocAuc - 0.01,
            $"pruned {measured.Variant.TestMetrics.RocAuc:F4}, parent {measured.Parent.TestMetrics.RocAuc:F4}");
        Assert.Equal(pruned, Pruner.Prune(parent, request));
    }

    [Fact]
    public void Boosted_trees_are_refused_naming_what_pruning_removes()
    {
        var request = Tables.Request(SharedDatasets.Read("retail-churn.csv"), "churn", "yes", null, 42);
        var trees = new FamilySelectionTrainer([new Training.Families.BoostedTreesFamily()]).Train(request).Winner.OnnxModel;

        var refusal = Assert.Throws<InvalidOperationException>(() => Pruner.Prune(trees, request));

        Assert.Equal("Pruning removes an MLP's hidden neurons; a boosted-trees model is not an MLP.", refusal.Message);
    }
}
