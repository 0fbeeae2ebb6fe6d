using System.Diagnostics;
using Platform.Modeling.Onnx;
using Platform.Modeling.Text;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

/// <summary>
/// The text CNN learned from scratch (issue 15, item 3b): over the same WordPiece ids as the
/// fine-tuned encoder, chosen beside it on validation, its file taking raw text.
/// </summary>
public class TextCnnFamilyTests(ITestOutputHelper output)
{
    [Fact]
    public void A_text_cnn_learns_reviews_from_scratch_and_its_file_takes_raw_text()
    {
        var request = Tables.Request(FineTunedEncoderTests.Reviews(1000), "score", "great", ["review"], 42);
        var stopwatch = Stopwatch.StartNew();
        // Through the family selection, which checks the file reproduces the network's own test probabilities.
        var selection = new FamilySelectionTrainer([new TextCnnFamily("review", maxTokens: 64)], crossValidation: new CrossValidationOptions { Folds = 0 })
            .Train(request);
        var candidate = Assert.Single(selection.Candidates);
        output.WriteLine($"text-cnn: validation AUC {candidate.ValidationAuc:F4}, test AUC {candidate.TestAuc:F4}, " +
            $"{candidate.FileBytes:N0} bytes, epoch {candidate.Iterations}, parity {candidate.ParityMaxAbsDelta:E2}, {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(ModelFamilies.TextCnn, candidate.Family);
        // 700 train reviews, 64 tokens, embeddings learned from them alone: 0.68 measured (validation 0.82) (157 test
        // reviews, so ±0.04); a network that learned nothing scores 0.5.
        Assert.True(candidate.TestAuc > 0.6, $"Test ROC-AUC {candidate.TestAuc:F4}");

        var file = selection.Winner.OnnxModel;
        var model = Onnx.Proto.ModelProto.Parser.ParseFrom(file);
        // Learned from the labels, not distilled: it names no teacher.
        Assert.DoesNotContain(model.MetadataProps, p => p.Key == ModelMetadata.DistilledFrom);
        Assert.Equal(64, TextDistiller.TokenizerOf(model).MaxTokens);
        Assert.Contains("\"kind\":\"text\"", model.MetadataProps.Single(p => p.Key == ModelMetadata.Features).Value);
        Assert.DoesNotContain(model.MetadataProps, p => p.Key == ModelMetadata.BaseModel);
        // Only the ids the train reviews use have embeddings: the file is small.
        Assert.True(file.Length < 5_000_000, $"{file.Length:N0} bytes");

        using var classifier = new OnnxClassifier(file);
        Assert.Equal(["review"], classifier.FreeTextInputs);
        // The importance of its one input is its scores shuffled among the test rows (exact, not scored
        // again): the same figure as scoring each row with another row's review.
        var split = TrainingSplit.Prepare(request);
        var order = Enumerable.Range(0, split.TestRows.Length).ToArray();
        new Random(split.Seed).Shuffle(order);
        var baseline = split.TestQuality(classifier.PredictProbabilities(split.Data, split.TestRows));
        var permuted = classifier.PredictProbabilities(split.Data, split.TestRows, 0, [.. order.Select(i => split.TestRows[i])]);
        Assert.Equal(Math.Round(baseline - split.TestQuality(permuted), 6), selection.Winner.FeatureImportance["review"], 5);
        Assert.True(selection.Winner.FeatureImportance["review"] > 0.05, $"importance {selection.Winner.FeatureImportance["review"]}");

        // Words no train review holds read as [UNK]; an empty review has only [CLS] and [SEP].
        var unseen = Tables.Request(new Platform.Tabular.TabularData(["product", "review", "score"],
            [["p", "zyxwvut qqqqj", "great"], ["p", "", "other"]]), "score", "great", ["review"], 42);
        var probabilities = classifier.PredictProbabilities(unseen.Data, [0, 1]);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
    }
}
