using Platform.Modeling.Images;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Tabular.Images;

namespace Platform.Modeling.Tests;

/// <summary>
/// An image dataset trained as the Training service trains it (ADR 34): split by content, the
/// classes in name order, the file checked against the network on test images it never saw, and a
/// drift reference of image statistics.
/// </summary>
[Collection(TorchGeneratorHeavy.Name)]
public class ImageClassifierTrainerTests
{
    private static ImageSet Products(int count)
    {
        var images = FashionMnist.Train(count);
        return new ImageSet(ImageSetFormats.Idx, images.Shape, images.Pixels, [.. images.Labels.Select(l => FashionMnist.Classes[l])],
            [.. Enumerable.Range(0, count).Select(i => $"train#{i}")], [new ImageSizeCount(28, 28, count)])
        {
            SourceWidths = Enumerable.Repeat(28, count).ToArray(),
            SourceHeights = Enumerable.Repeat(28, count).ToArray(),
        };
    }

    [Fact]
    public void An_image_set_is_split_by_content_trained_measured_on_its_test_images_and_given_a_drift_reference()
    {
        var set = Products(2_000);
        var options = new ImageCnnOptions { FirstChannels = 8, SecondChannels = 16, Hidden = 32, Epochs = 3 };
        var epochs = new List<EpochProgress>();

        var selection = ImageClassifierTrainer.Train(set, seed: 7, options, new Progress(epochs));

        var winner = selection.Winner;
        Assert.Equal(ModelFamilies.ImageCnn, winner.Family);
        Assert.Equal(FashionMnist.Classes.Order(StringComparer.Ordinal), winner.Classes);
        Assert.Equal(2_000, winner.TrainRows + winner.ValidationRows + winner.TestRows);
        Assert.InRange(winner.TestRows, 230, 370); // 15 % of 2,000 by content hash
        Assert.True(winner.ParityMaxAbsDelta < ImageClassifierTrainer.ParityTolerance);
        // Macro ROC-AUC over ten classes after three short epochs: chance is 0.5.
        Assert.True(winner.TestMetrics.Quality > 0.9, $"test ROC-AUC {winner.TestMetrics.Quality:F4}");
        var candidate = Assert.Single(selection.Candidates);
        Assert.Equal((ModelFamilies.ImageCnn, winner.Epochs), (candidate.Family, candidate.Iterations));
        // Every epoch reported with its validation figures; the kept one (best validation accuracy) among them.
        Assert.Equal([1, 2, 3], epochs.Select(e => e.Epoch));
        Assert.Contains(winner.Epochs, epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.InRange(e.ValidationAuc, 0.5, 1));
        Assert.Equal(["image.brightness", "image.contrast", "image.width", "image.height"], winner.Reference.Features.Select(f => f.Name));
        Assert.Equal(winner.TrainRows, winner.Reference.Rows);

        // The same images and seed give the same partitions: a second split is the first.
        var again = ImageClassifierTrainer.Train(set, seed: 7, options with { Epochs = 1 });
        Assert.Equal((winner.TrainRows, winner.ValidationRows, winner.TestRows), (again.Winner.TrainRows, again.Winner.ValidationRows, again.Winner.TestRows));
    }

    [Fact]
    public void One_class_cannot_be_learned_and_says_so()
    {
        var set = Products(50) with { Labels = Enumerable.Repeat("Bag", 50).ToArray() };

        var error = Assert.Throws<Platform.Modeling.Data.InvalidTrainingDataException>(() => ImageClassifierTrainer.Train(set, 7, new ImageCnnOptions()));

        Assert.Equal("An image classifier needs at least two classes; every image is labelled 'Bag'.", error.Message);
    }

    private sealed class Progress(List<EpochProgress> epochs) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) => epochs.Add(value);
    }
}
