using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Platform.Modeling.Compression;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Xunit.Abstractions;
using ModelMetadata = Platform.Modeling.Onnx.ModelMetadata;

namespace Platform.Modeling.Tests;

/// <summary>
/// Pruning a tree ensemble (ADR 26, amended): each ensemble keeps its first trees, the fewest within
/// the validation budget, its calibrator refitted; measured against its parent on the same test rows.
/// </summary>
public class TreePruningTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("retail-churn.csv", "churn", "yes")]
    [InlineData("finance-credit.csv", "Status", "bad")]
    public void A_pruned_ensemble_keeps_its_first_trees_and_its_parents_quality(string file, string target, string positive)
    {
        var request = Tables.Request(SharedDatasets.Read(file), target, positive, null, 42);
        var parent = new FamilySelectionTrainer([new BoostedTreesFamily()]).Train(request).Winner.OnnxModel;

        var pruned = TreePruner.Prune(parent, request);
        var measured = ModelEvaluation.EvaluateVariant(parent, pruned, request, latencyPairs: 2000);

        var before = BoostedTreesOnnxReader.Read(ModelProto.Parser.ParseFrom(parent)).Single();
        var after = BoostedTreesOnnxReader.Read(ModelProto.Parser.ParseFrom(pruned)).Single();
        output.WriteLine($"{file}: parent AUC {measured.Parent.TestMetrics.RocAuc:F4}, {before.Trees.Count} trees, {parent.Length / 1024.0:F0} KiB, " +
            $"batch 64 {measured.Parent.LatencyBatch64Ms * 1000:F1} µs; pruned AUC {measured.Variant.TestMetrics.RocAuc:F4}, {after.Trees.Count} trees, " +
            $"{pruned.Length / 1024.0:F0} KiB, batch 64 {measured.Variant.LatencyBatch64Ms * 1000:F1} µs");
        // The kept trees are the parent's first ones, unchanged; only the calibrator moved.
        Assert.InRange(after.Trees.Count, 1, before.Trees.Count - 1);
        for (var t = 0; t < after.Trees.Count; t++)
        {
            Assert.Equal(before.Trees[t].Features, after.Trees[t].Features);
            Assert.Equal(before.Trees[t].Leaves, after.Trees[t].Leaves);
        }
        Assert.NotEqual(before.Slope, after.Slope);
        using var session = new InferenceSession(pruned);
        var record = JsonDocument.Parse(session.ModelMetadata.CustomMetadataMap[ModelMetadata.Pruned]).RootElement;
        Assert.Equal(before.Trees.Count, record.GetProperty("trees").GetInt32());
        Assert.Equal(after.Trees.Count, record.GetProperty("kept").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(parent)), record.GetProperty("prunedFrom").GetString());
        Assert.Equal(ModelFamilies.BoostedTrees, session.ModelMetadata.CustomMetadataMap[ModelMetadata.Family]);
        Assert.True(measured.Variant.TestMetrics.RocAuc > measured.Parent.TestMetrics.RocAuc - 0.01,
            $"pruned {measured.Variant.TestMetrics.RocAuc:F4}, parent {measured.Parent.TestMetrics.RocAuc:F4}");
        Assert.Equal(pruned, TreePruner.Prune(parent, request));
    }

    [Fact]
    public void The_reader_gives_back_the_trees_the_writer_wrote_for_every_class()
    {
        var request = Tables.Request(SharedDatasets.Read("finance-credit.csv"), "Job", null, null, 42);
        var parent = new FamilySelectionTrainer([new BoostedTreesFamily()]).Train(request);

        var ensembles = BoostedTreesOnnxReader.Read(ModelProto.Parser.ParseFrom(parent.Winner.OnnxModel));

        // One ensemble per class; written again with the same pipeline, the file is the same bytes.
        Assert.Equal(4, ensembles.Count);
        var split = TrainingSplit.Prepare(request);
        var again = BoostedTreesOnnxWriter.Write(split.Pipeline, ensembles, split.Table.Classes, split.Table.Target);
        var original = ModelProto.Parser.ParseFrom(parent.Winner.OnnxModel);
        Assert.Equal(original.Graph, ModelProto.Parser.ParseFrom(again).Graph);
    }

    [Fact]
    public void An_mlp_is_refused_naming_what_tree_pruning_keeps()
    {
        var request = Tables.Request(SharedDatasets.Read("healthcare-diabetes.csv"), "diabetes", "pos", null, 42);
        var mlp = new TabularClassifierTrainer().Train(request).OnnxModel;

        var refusal = Assert.Throws<InvalidOperationException>(() => TreePruner.Prune(mlp, request));

        Assert.Equal("Tree pruning keeps a tree ensemble's first trees; a mlp model is not one.", refusal.Message);
    }
}
