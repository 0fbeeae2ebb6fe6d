using Platform.Modeling.Compression;
using Platform.Modeling.Images;
using Platform.Modeling.Onnx.Proto;
using Platform.Tabular.Images;

namespace Platform.Modeling.Tests;

/// <summary>
/// An image CNN's smaller variants (ADR 35) on a Fashion-MNIST subset: pruning copies the kept
/// channels' weights exactly (keeping all of them is the teacher itself), and the pruned and the
/// distilled networks, each just under half of the teacher's weights, stay near its accuracy.
/// </summary>
[Collection(TorchGeneratorHeavy.Name)]
public class ImageCompressionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly ImageCnnOptions Options = new() { FirstChannels = 16, SecondChannels = 32, Hidden = 64, Epochs = 4, BatchSize = 64 };

    private static (ImagePartitions Data, byte[] Teacher) Teacher(ImageCnnOptions? options = null)
    {
        var images = FashionMnist.Train(2_500);
        var set = new ImageSet(ImageSetFormats.Idx, images.Shape, images.Pixels, [.. images.Labels.Select(l => FashionMnist.Classes[l])],
            [.. Enumerable.Range(0, images.Count).Select(i => $"#{i}")], [new ImageSizeCount(28, 28, images.Count)])
        {
            SourceWidths = Enumerable.Repeat(28, images.Count).ToArray(),
            SourceHeights = Enumerable.Repeat(28, images.Count).ToArray(),
        };
        var data = ImagePartitions.Of(set, seed: 3);
        return (data, ImageClassifierTrainer.Train(set, 3, options ?? Options).Winner.OnnxModel);
    }

    private static long Weights(byte[] file) =>
        ModelProto.Parser.ParseFrom(file).Graph.Initializer.Where(t => t.Name.EndsWith(".weight")).Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d));

    private static double Accuracy(byte[] file, LabelledImages test) => ImageCnnTrainer.Accuracy(ImageClassifierTrainer.Score(file, test), test.Labels, 10);

    [Fact]
    public void Keeping_every_channel_is_the_teacher_and_seven_tenths_of_them_fine_tuned_stay_near_it_as_does_the_student()
    {
        var (data, teacher) = Teacher();

        // Every channel kept: the copied network answers as the teacher's file, to float rounding.
        var (whole, normalisation) = ImagePruner.Pruned(teacher, data.Test.Shape, keep: 1);
        using (whole)
        {
            var network = ImageCnnTrainer.Probabilities(whole, data.Test, normalisation, 10);
            var file = ImageClassifierTrainer.Score(teacher, data.Test);
            Assert.True(network.Zip(file, (a, b) => Math.Abs(a - b)).Max() < 1e-4);
        }

        var pruned = ImagePruner.Prune(teacher, data, Options, seed: 3);
        var student = ImageDistiller.Distill(teacher, data, Options, seed: 3);
        var (accuracy, prunedAccuracy, studentAccuracy) = (Accuracy(teacher, data.Test), Accuracy(pruned, data.Test), Accuracy(student, data.Test));
        output.WriteLine($"teacher {accuracy:F4}, pruned {prunedAccuracy:F4}, student {studentAccuracy:F4} on {data.Test.Count} test images");
        // 0.7 of the channels and units, rounded down: just under half of the weights (the dense layer dominates).
        Assert.InRange((double)Weights(pruned) / Weights(teacher), 0.4, 0.5);
        Assert.Equal(Weights(pruned), Weights(student));
        // ~375 test images after four short epochs (teacher about 0.8): each variant within 0.05 of it.
        Assert.True(prunedAccuracy > accuracy - 0.05, $"pruned {prunedAccuracy:F4} against the teacher's {accuracy:F4}");
        Assert.True(studentAccuracy > accuracy - 0.05, $"student {studentAccuracy:F4} against the teacher's {accuracy:F4}");
        // Trained on flips, the teacher answers for each image and its mirror, and so do its smaller variants.
        Assert.All(new[] { teacher, pruned, student }, file => Assert.True(ImageCnnWriter.IsMirrored(ModelProto.Parser.ParseFrom(file).Graph)));
    }

    [Fact]
    public void A_teacher_trained_without_flips_gets_variants_that_do_not_mirror()
    {
        var options = Options with { Epochs = 1, HorizontalFlips = false };
        var (data, teacher) = Teacher(options);
        // Compression's own options ask for flips; the teacher's graph decides.
        var (pruned, student) = (ImagePruner.Prune(teacher, data, Options with { Epochs = 2 }, seed: 3), ImageDistiller.Distill(teacher, data, Options with { Epochs = 1 }, seed: 3));
        Assert.All(new[] { teacher, pruned, student }, file => Assert.False(ImageCnnWriter.IsMirrored(ModelProto.Parser.ParseFrom(file).Graph)));
    }

    [Fact]
    public void Int8_computes_the_second_convolution_and_the_dense_layer_in_integers_near_the_teacher()
    {
        var (data, teacher) = Teacher();

        var int8 = Int8Quantizer.Quantize(teacher, ranges: ImageCalibration.Of(teacher, data.Train));

        var graph = ModelProto.Parser.ParseFrom(int8).Graph;
        // The first convolution reads 9 inputs per output (one channel, 3 × 3) and stays float; the second reads 16 × 9.
        Assert.Equal(["first.weight"], graph.Node.Where(n => n.OpType == "Conv").Select(n => n.Input[1]));
        Assert.Equal(["second.weight.int8"], graph.Node.Where(n => n.OpType == "QLinearConv").Select(n => n.Input[3]));
        Assert.Contains(graph.Node, n => n.OpType == "MatMulInteger");
        var (teacherScores, int8Scores) = (ImageClassifierTrainer.Score(teacher, data.Test), ImageClassifierTrainer.Score(int8, data.Test));
        var maxDelta = teacherScores.Zip(int8Scores, (a, b) => Math.Abs(a - b)).Max();
        var (accuracy, int8Accuracy) = (Accuracy(teacher, data.Test), Accuracy(int8, data.Test));
        var measured = ImageEvaluation.EvaluateVariant(teacher, int8, data.Test, 10);
        output.WriteLine($"teacher {accuracy:F4}, int8 {int8Accuracy:F4}, largest probability change {maxDelta:F4}; batch 1 {measured.Variant.LatencyBatch1Ms:F4} " +
            $"against {measured.Parent.LatencyBatch1Ms:F4} ms, batch 64 {measured.Variant.LatencyBatch64Ms:F4} against {measured.Parent.LatencyBatch64Ms:F4} ms");
        Assert.True(Math.Abs(int8Accuracy - accuracy) <= 0.01, $"int8 {int8Accuracy:F4} against the teacher's {accuracy:F4}");
        Assert.True(maxDelta < 0.1, $"a probability moved by {maxDelta:F4}");
        // Without calibration ranges the convolutions stay float.
        Assert.DoesNotContain(ModelProto.Parser.ParseFrom(Int8Quantizer.Quantize(teacher)).Graph.Node, n => n.OpType == "QLinearConv");
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(16, 16)]
    [InlineData(32, 16)]
    [InlineData(48, 32)]
    [InlineData(64, 48)]
    public void A_smaller_cnn_keeps_whole_blocks_of_16_channels(int teacher, int kept) =>
        Assert.Equal(kept, ImagePruner.KeptChannels(teacher));

    [Fact]
    public void A_smaller_cnn_keeps_as_many_hidden_units_as_leave_its_dense_layer_just_under_half_its_weights()
    {
        // A 32/64/128 teacher: 48 of 64 channels feed the dense layer, which keeps 83 of 128 units: 48·83 / (64·128) = 0.486.
        Assert.Equal(83, ImagePruner.KeptUnits(128, 64, 48));
        Assert.Equal(128, ImagePruner.KeptUnits(128, 64, 64, keep: 1));
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(12, true)]
    [InlineData(32, true)]
    [InlineData(24, false)]
    [InlineData(22, false)]
    public void A_teacher_whose_channels_libtorch_would_misread_is_refused_by_its_options(int channels, bool valid)
    {
        Assert.Equal(valid, new ImageCnnOptions { FirstChannels = channels }.IsValid);
        Assert.Equal(valid, new ImageCnnOptions { SecondChannels = channels }.IsValid);
        Assert.Contains("convolutions of at most 16 channels or a multiple of 16", ImageCnnOptions.Requirement);
    }
}
