using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Images;
using Platform.Modeling.Onnx;
using ModelMetadata = Platform.Modeling.Onnx.ModelMetadata;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

/// <summary>
/// The image CNN (issue 17, item 2) on a subset of Fashion-MNIST: it learns the product classes, and
/// its one ONNX file takes the raw pixels (normalisation and folded batch normalisation inside) and
/// answers what the network answers.
/// </summary>
[Collection(TorchGeneratorHeavy.Name)]
public class ImageCnnTests(ITestOutputHelper output)
{
    [Fact]
    public void A_cnn_learns_fashion_mnist_products_and_its_file_takes_raw_pixels_and_answers_as_the_network_does()
    {
        var all = FashionMnist.Train(7_000);
        var train = all.Take([.. Enumerable.Range(0, 6_000)]);
        var validation = all.Take([.. Enumerable.Range(6_000, 1_000)]);
        var test = FashionMnist.Test(2_000);
        var options = new ImageCnnOptions { FirstChannels = 16, SecondChannels = 32, Epochs = 4 };
        var stopwatch = Stopwatch.StartNew();
        var epochs = new List<ImageCnnTrainer.ImageEpoch>();
        using var trained = ImageCnnTrainer.Train(train, validation, FashionMnist.Classes.Length, options, CancellationToken.None, epochs.Add);
        var scores = trained.Score(test);
        var accuracy = ImageCnnTrainer.Accuracy(scores, test.Labels, trained.Classes);
        output.WriteLine($"{trained.Parameters:N0} parameters, best epoch {trained.Epoch} (validation {trained.ValidationAccuracy:F4}), " +
            $"test accuracy {accuracy:F4}, {stopwatch.Elapsed.TotalSeconds:F1} s; " + string.Join("; ", epochs.Select(e => $"{e.Epoch}: loss {e.TrainLoss:F3} val {e.ValidationAccuracy:F4}")));
        // 6,000 train images, 4 epochs: 0.8845 measured on the 2,000 test images alone with the mirror,
        // 256 hidden units and label smoothing (0.8625-0.8685 before them; the seed is process-wide, so
        // tests beside it shift the draws); the dataset's own table gives 0.883 for an MLP on all
        // 60,000 and 0.835 for people. A network that learned nothing scores 0.1.
        Assert.True(accuracy > 0.84, $"Test accuracy {accuracy:F4}");
        Assert.Equal(epochs.MaxBy(e => e.ValidationAccuracy)!.Epoch, trained.Epoch);

        var file = trained.ToOnnx(FashionMnist.Classes, "category");
        var model = Onnx.Proto.ModelProto.Parser.ParseFrom(file);
        Assert.Equal(ModelFamilies.ImageCnn, model.MetadataProps.Single(p => p.Key == ModelMetadata.Family).Value);
        Assert.Equal("""[{"name":"image","kind":"image","channels":1,"height":28,"width":28}]""",
            model.MetadataProps.Single(p => p.Key == ModelMetadata.Features).Value);
        // Batch normalisation is folded into the convolutions: the file has none.
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "BatchNormalization");

        using var session = new InferenceSession(file);
        var pixels = new DenseTensor<float>(Array.ConvertAll(test.Pixels, p => (float)p), [test.Count, 1, 28, 28]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", pixels)]);
        var probabilities = results.Single(r => r.Name == ModelMetadata.ProbabilitiesOutput).AsEnumerable<float>().ToArray();
        var labels = results.Single(r => r.Name == ModelMetadata.LabelOutput).AsEnumerable<string>().ToArray();
        var largest = probabilities.Zip(scores, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest < 1e-4, $"The file's probabilities differ from the network's by up to {largest:E2}");
        for (var i = 0; i < test.Count; i++)
        {
            var row = probabilities.AsSpan(i * 10, 10).ToArray();
            Assert.Equal(FashionMnist.Classes[Array.IndexOf(row, row.Max())], labels[i]);
        }

        // Trained on flips, the network answers for an image and its mirror together: the file gives a mirrored image the same answer.
        Assert.Contains(model.Graph.Node, n => n.Output.Contains(ImageCnnWriter.MirroredOutput));
        var mirrored = Probabilities(session, Mirror(test));
        var asymmetry = mirrored.Zip(probabilities, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(asymmetry < 1e-5, $"A mirrored image's probabilities differ by up to {asymmetry:E2}");
    }

    [Fact]
    public void A_cnn_trained_without_flips_answers_for_the_image_alone()
    {
        var all = FashionMnist.Train(1_200);
        var (train, validation, test) = (all.Take([.. Enumerable.Range(0, 1_000)]), all.Take([.. Enumerable.Range(1_000, 200)]), FashionMnist.Test(200));
        var options = new ImageCnnOptions { FirstChannels = 16, SecondChannels = 32, Epochs = 1, HorizontalFlips = false };
        using var trained = ImageCnnTrainer.Train(train, validation, FashionMnist.Classes.Length, options, CancellationToken.None);
        var file = trained.ToOnnx(FashionMnist.Classes, "category");
        Assert.DoesNotContain(Onnx.Proto.ModelProto.Parser.ParseFrom(file).Graph.Node, n => n.Output.Contains(ImageCnnWriter.MirroredOutput));
        using var session = new InferenceSession(file);
        var asymmetry = Probabilities(session, Mirror(test)).Zip(Probabilities(session, test), (a, b) => Math.Abs(a - b)).Max();
        // A product photographed the other way round is a different input to such a network; its answer moves.
        Assert.True(asymmetry > 1e-3, $"A mirrored image's probabilities differ by at most {asymmetry:E2}");
    }

    private static float[] Probabilities(InferenceSession session, LabelledImages images)
    {
        var pixels = new DenseTensor<float>(Array.ConvertAll(images.Pixels, p => (float)p), [images.Count, 1, 28, 28]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", pixels)]);
        return results.Single(r => r.Name == ModelMetadata.ProbabilitiesOutput).AsEnumerable<float>().ToArray();
    }

    /// <summary>Each 28×28 image read right to left.</summary>
    private static LabelledImages Mirror(LabelledImages images)
    {
        var pixels = new byte[images.Pixels.Length];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = images.Pixels[i - i % 28 + 27 - i % 28];
        return images with { Pixels = pixels };
    }
}
