using Microsoft.ML.OnnxRuntime;
using Platform.Inference.Serving;
using Platform.Modeling.Compression;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular;
using ModelMetadata = Platform.Modeling.Onnx.ModelMetadata;

namespace Platform.Modeling.Tests;

/// <summary>Every family on the synthetic table: the file it writes, its parity, its determinism, and serving's reading of it.</summary>
public class ClassifierFamilyTests
{
    public static TheoryData<string> Families => [ModelFamilies.LogisticRegression, ModelFamilies.BoostedTrees, ModelFamilies.Mlp];

    private static IClassifierFamily Family(string name) => name switch
    {
        ModelFamilies.LogisticRegression => NetworkFamily.LogisticRegression(),
        ModelFamilies.BoostedTrees => new BoostedTreesFamily(new BoostedTreesOptions { Trees = 50 }),
        _ => new NetworkFamily(new TrainerOptions { MaxEpochs = 15, HiddenLayers = [32, 16] }),
    };

    private static FamilySelection Train(string family) =>
        new FamilySelectionTrainer([Family(family)]).Train(Tables.Request(SyntheticData.Create(3000), "outcome", "yes", null, 5));

    [Theory]
    [MemberData(nameof(Families))]
    public void Each_family_writes_one_file_that_matches_the_trained_model_and_learns_the_signal(string family)
    {
        var winner = Train(family).Winner;

        Assert.Equal(family, winner.Family);
        Assert.True(winner.ParityMaxAbsDelta < 1e-4, $"parity {winner.ParityMaxAbsDelta}");
        Assert.True(winner.TestMetrics.RocAuc > 0.9, $"AUC {winner.TestMetrics.RocAuc}");
        using var session = new InferenceSession(winner.OnnxModel);
        Assert.Equal(["x", "colour", "unrelated"], session.InputMetadata.Keys);
        Assert.Equal([ModelMetadata.LabelOutput, ModelMetadata.ProbabilitiesOutput], session.OutputMetadata.Keys);
        Assert.Equal(family, session.ModelMetadata.CustomMetadataMap[ModelMetadata.Family]);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Each_family_is_deterministic_for_a_seed(string family) =>
        Assert.Equal(Train(family).Winner.OnnxModel, Train(family).Winner.OnnxModel);

    [Theory]
    [MemberData(nameof(Families))]
    public void Serving_reads_every_familys_file_and_scores_missing_cells(string family)
    {
        var winner = Train(family).Winner;
        using var model = new OnnxScoringModel(new InferenceSession(winner.OnnxModel));

        Assert.Equal(["no", "yes"], model.Signature.Classes);
        var predictions = model.Score(new FeatureBatch(3, [
            new NumericColumn("x", [4.9f, -4.9f, float.NaN]),
            new CategoricalColumn("colour", ["red", "blue", ""]),
            new NumericColumn("unrelated", [50f, 50f, float.NaN]),
        ]));
        Assert.Equal(["yes", "no"], predictions.Take(2).Select(p => p.Label));
        Assert.All(predictions, p => Assert.Equal(1.0, p.Probabilities.Values.Sum(), 5));
    }

    [Fact]
    public void Selection_keeps_the_family_with_the_best_validation_auc()
    {
        var selection = new FamilySelectionTrainer([Family(ModelFamilies.LogisticRegression), Family(ModelFamilies.BoostedTrees)])
            .Train(Tables.Request(SyntheticData.Create(3000), "outcome", "yes", null, 5));

        Assert.Equal(selection.Candidates.MaxBy(c => c.ValidationAuc)!.Family, selection.Winner.Family);
    }

    [Fact]
    public void Selection_needs_the_memory_of_its_largest_family_not_the_sum()
    {
        var data = Tables.Typed(SyntheticData.Create(3000), "outcome", 5);
        TrainingRequest Request(MemoryBudget budget) => new(data, "outcome", "yes", null, 5) { Budget = budget };
        var network = new TrainerOptions { MaxEpochs = 3, HiddenLayers = [32, 16] };
        var alone = MemoryBudget.Unlimited();
        new TabularClassifierTrainer(network).Train(Request(alone));

        // The network is the largest family: the labels and split, plus its inputs and activations.
        var budget = new MemoryBudget(alone.Reserved, "training job", "Training:MemoryBudgetMiB");
        var selection = new FamilySelectionTrainer(FamilySelectionTrainer.DefaultFamilies(network)).Train(Request(budget));

        Assert.Equal(4, selection.Candidates.Count);
    }

    [Fact]
    public void Int8_quantization_refuses_a_tree_ensemble_by_name()
    {
        var trees = Train(ModelFamilies.BoostedTrees).Winner;
        Assert.Contains("tree ensemble", Assert.Throws<InvalidOperationException>(() => Int8Quantizer.Quantize(trees.OnnxModel)).Message);
    }
}
