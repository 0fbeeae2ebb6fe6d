using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Data;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using ModelMetadata = Platform.Modeling.Onnx.ModelMetadata;

namespace Platform.Modeling.Tests;

public class ClassifierExportTests
{
    private static readonly TrainerOptions Quick = new() { MaxEpochs = 15, HiddenLayers = [32, 16] };

    private static TrainedClassifier TrainSynthetic() =>
        new TabularClassifierTrainer(Quick).Train(Tables.Request(SyntheticData.Create(3000), "outcome", "yes", null, 5));

    [Fact]
    public void The_exported_model_matches_the_network_and_learns_the_signal()
    {
        var trained = TrainSynthetic();

        Assert.True(trained.ParityMaxAbsDelta < 1e-4, $"parity {trained.ParityMaxAbsDelta}");
        Assert.True(trained.TestMetrics.RocAuc > 0.9, $"AUC {trained.TestMetrics.RocAuc}");
        Assert.Equal(["no", "yes"], trained.Classes);
        Assert.Equal(3000, trained.TrainRows + trained.ValidationRows + trained.TestRows);
    }

    [Fact]
    public void The_file_takes_raw_named_columns_and_answers_labels_and_probabilities_even_for_missing_cells()
    {
        var trained = TrainSynthetic();
        using var session = new InferenceSession(trained.OnnxModel);

        Assert.Equal(["x", "colour", "unrelated"], session.InputMetadata.Keys);
        Assert.Equal(TensorElementType.Float, session.InputMetadata["x"].ElementDataType);
        Assert.Equal(TensorElementType.String, session.InputMetadata["colour"].ElementDataType);
        Assert.Equal("yes", session.ModelMetadata.CustomMetadataMap[ModelMetadata.PositiveClass]);
        Assert.Equal("""["no","yes"]""", session.ModelMetadata.CustomMetadataMap[ModelMetadata.Classes]);

        // A very high x in red is "yes"; a very low x in blue is "no"; a row of missing values still gets an answer.
        var x = new DenseTensor<float>(new[] { 4.9f, -4.9f, float.NaN }, [3, 1]);
        var colour = new DenseTensor<string>(new[] { "red", "blue", "" }, [3, 1]);
        var unrelated = new DenseTensor<float>(new[] { 50f, 50f, float.NaN }, [3, 1]);
        using var results = session.Run([
            NamedOnnxValue.CreateFromTensor("x", x),
            NamedOnnxValue.CreateFromTensor("colour", colour),
            NamedOnnxValue.CreateFromTensor("unrelated", unrelated),
        ]);
        var labels = results.Single(r => r.Name == ModelMetadata.LabelOutput).AsTensor<string>().ToArray();
        var probabilities = results.Single(r => r.Name == ModelMetadata.ProbabilitiesOutput).AsTensor<float>();

        Assert.Equal("yes", labels[0]);
        Assert.Equal("no", labels[1]);
        Assert.Equal([3, 2], probabilities.Dimensions.ToArray());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1f, probabilities[i, 0] + probabilities[i, 1], 5);
            Assert.Equal(probabilities[i, 1] > probabilities[i, 0] ? "yes" : "no", labels[i]);
        }
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var first = TrainSynthetic();
        var second = TrainSynthetic();
        Assert.Equal(first.OnnxModel, second.OnnxModel);
    }

    [Fact]
    public void A_spec_that_cannot_be_learned_fails_with_the_reason()
    {
        var data = SyntheticData.Create(200);
        var trainer = new TabularClassifierTrainer(Quick);
        Assert.Contains("'Nope' does not exist", Assert.Throws<InvalidTrainingDataException>(
            () => trainer.Train(Tables.Request(data, "Nope", "yes", null, 1))).Message);
        Assert.Contains("'maybe' never occurs", Assert.Throws<InvalidTrainingDataException>(
            () => trainer.Train(Tables.Request(data, "outcome", "maybe", null, 1))).Message);
        Assert.Contains("'ghost' does not exist", Assert.Throws<InvalidTrainingDataException>(
            () => trainer.Train(Tables.Request(data, "outcome", "yes", ["x", "ghost"], 1))).Message);
    }

    [Fact]
    public void Progress_is_reported_per_epoch()
    {
        var epochs = new List<EpochProgress>();
        var trained = new TabularClassifierTrainer(Quick).Train(
            Tables.Request(SyntheticData.Create(1000), "outcome", "yes", ["x", "colour"], 3), new SynchronousProgress(epochs.Add));
        Assert.Equal(trained.Epochs, epochs.Count);
        Assert.Equal(Enumerable.Range(1, trained.Epochs), epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.InRange(e.ValidationAuc, 0.5, 1.0));
    }

    private sealed class SynchronousProgress(Action<EpochProgress> report) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) => report(value);
    }
}
