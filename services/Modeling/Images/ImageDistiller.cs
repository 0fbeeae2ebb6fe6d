using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular.Images;

namespace Platform.Modeling.Images;

/// <summary>
/// Distils an image CNN into a narrower one (ADR 34): the student has the pruned network's widths
/// (<see cref="ImagePruner.KeptChannels"/>, <see cref="ImagePruner.KeptUnits"/>: just under half of
/// the teacher's parameters), and
/// learns the teacher's softened probabilities on the train images beside their labels, stopped on
/// the validation images. Its file takes raw pixels like the teacher's and must answer as the
/// student network does (parity).
/// </summary>
public static class ImageDistiller
{
    public static byte[] Distill(byte[] teacher, ImagePartitions data, ImageCnnOptions options, int seed, CancellationToken ct = default)
    {
        var (first, second, hidden, mirrored) = Widths(teacher);
        var student = options with
        {
            // A teacher trained without flips (digits, text) must not get a student that mirrors.
            HorizontalFlips = mirrored,
            FirstChannels = ImagePruner.KeptChannels(first),
            SecondChannels = ImagePruner.KeptChannels(second),
            Hidden = ImagePruner.KeptUnits(hidden, second, ImagePruner.KeptChannels(second)),
            Seed = seed,
        };
        var soft = ImageClassifierTrainer.Score(teacher, data.Train);
        lock (NetworkFamily.TorchRandom)
        {
            using var trained = ImageCnnTrainer.Train(data.Train, data.Validation, data.Classes.Length, student, ct, teacher: soft);
            return trained.ToCheckedOnnx(data.Classes, data.Test).File;
        }
    }

    /// <summary>The teacher's convolution channels and hidden units, read from its weights' shapes (<see cref="ImageCnnWriter"/>'s names), and whether it mirrors.</summary>
    private static (int First, int Second, int Hidden, bool Mirrored) Widths(byte[] teacher)
    {
        var graph = ModelProto.Parser.ParseFrom(teacher).Graph;
        var weights = graph.Initializer.ToDictionary(t => t.Name);
        int Rows(string name) => weights.TryGetValue(name, out var tensor)
            ? (int)tensor.Dims[0]
            : throw new InvalidOperationException($"The model has no '{name}' weights: it is not an image CNN this platform wrote.");
        return (Rows("first.weight"), Rows("second.weight"), Rows("hidden.weight"), ImageCnnWriter.IsMirrored(graph));
    }
}
