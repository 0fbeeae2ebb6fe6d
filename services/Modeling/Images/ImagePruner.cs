using Platform.Modeling.Compression;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular.Images;
using static TorchSharp.torch;

namespace Platform.Modeling.Images;

/// <summary>
/// Channel pruning of an image CNN with fine-tuning (ADR 35): from the file's own weights (batch
/// normalisation already folded into the kernels), keeps the <see cref="Keep"/> share of each
/// convolution's channels and of the hidden units that matter most — each scored by the L1 norm of
/// what comes in times what goes out — copies their weights into a network of those widths (its
/// norms the identity, frozen), and fine-tunes it on the train images, stopped on validation. Just
/// under half of the weights remain (<see cref="KeptChannels"/>, <see cref="KeptUnits"/>); the file
/// takes raw pixels with the teacher's normalisation.
/// </summary>
public static class ImagePruner
{
    /// <summary>
    /// The share of its teacher's weights a smaller CNN (pruned, or a distilled student) keeps in each
    /// layer, about: 0.7 of each layer's widths, so the dense layer, which holds almost every weight,
    /// keeps 0.7² = 49 %, as issue 17 allows (≤ 50 %). Half of each width (a quarter of the weights)
    /// cost 1.06 and 1.07 points of Fashion-MNIST test accuracy, more than the 0.01 the issue allows.
    /// </summary>
    public const double Keep = 0.7;

    /// <summary>
    /// How many of a convolution's <paramref name="count"/> channels a smaller CNN keeps: the
    /// <paramref name="keep"/> share rounded to a multiple of 16, at least 16 (a narrower one keeps
    /// all). libtorch 2.10's oneDNN convolutions (AVX-512: channels in blocks of 16) misread the
    /// padding of a partly filled block: on this machine a 22 → 44 convolution of 64 images came out
    /// up to 0.69 away from the same product as a matrix multiplication, while 16, 32 and 48 input
    /// channels agreed to 2e-6, and students of 22/44 or 16/44 channels failed their file's parity
    /// check, some with NaN. A 32/64 teacher's are 16/48.
    /// </summary>
    public static int KeptChannels(int count, double keep = Keep) =>
        keep >= 1 || count <= 16 ? count : Math.Clamp((int)Math.Round(count * keep / 16) * 16, 16, count);

    /// <summary>
    /// How many of <paramref name="hidden"/> units a smaller CNN keeps: as many as leave its dense
    /// layer Keep² of its weights after <paramref name="keptChannels"/> of the <paramref name="channels"/>
    /// feeding it (rounded down, so never more).
    /// </summary>
    public static int KeptUnits(int hidden, int channels, int keptChannels, double keep = Keep) =>
        keep >= 1 ? hidden : Math.Clamp((int)(hidden * keep * keep * channels / keptChannels), 1, hidden);

    public static byte[] Prune(byte[] teacher, ImagePartitions data, ImageCnnOptions options, int seed, CancellationToken ct = default)
    {
        lock (NetworkFamily.TorchRandom)
        {
            manual_seed(seed);
            var (network, normalisation) = Pruned(teacher, data.Train.Shape, Keep);
            // Half the teacher's epochs at half its peak rate: the kept weights are a start, not a finish.
            var fineTuning = options with
            {
                Epochs = Math.Max(2, options.Epochs / 2),
                LearningRate = options.LearningRate / 2,
                Seed = seed,
            };
            using var trained = ImageCnnTrainer.Fit(network, normalisation, data.Train, data.Validation, data.Classes.Length, fineTuning, ct);
            return trained.ToCheckedOnnx(data.Classes, data.Test).File;
        }
    }

    /// <summary>The network of the kept channels and units, before fine-tuning, and the file's normalisation; <paramref name="keep"/> 1 is the teacher itself.</summary>
    internal static (ImageCnn Network, ImageNormalisation Normalisation) Pruned(byte[] teacher, ImageShape shape, double keep)
    {
        var graph = ModelProto.Parser.ParseFrom(teacher).Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        float[] Values(string name) => initializers.TryGetValue(name, out var tensor)
            ? WeightValues.Floats(tensor)
            : throw new InvalidOperationException($"The model has no '{name}' weights: it is not an image CNN this platform wrote.");
        var (w1, b1, w2, b2) = (Values("first.weight"), Values("first.bias"), Values("second.weight"), Values("second.bias"));
        var (wh, bh, wc, bc) = (Values("hidden.weight"), Values("hidden.bias"), Values("logits.weight"), Values("logits.bias"));
        var (scale, shift) = (Values("image.scale"), Values("image.shift"));

        var (c1, c2, hidden, classes) = (b1.Length, b2.Length, bh.Length, bc.Length);
        var (inputs, kernel, cells) = (shape.Channels, 9, shape.Height / 4 * (shape.Width / 4));
        var features = c2 * cells;

        // Importance: what a unit takes in (L1) times what it hands on (L1); kept in their original order.
        var first = Top(c1, KeptChannels(c1, keep), c => SumOver(inputs * kernel, k => Math.Abs(w1[c * inputs * kernel + k]))
            * SumOver(c2, d => SumOver(kernel, k => Math.Abs(w2[(d * c1 + c) * kernel + k]))));
        var second = Top(c2, KeptChannels(c2, keep), d => SumOver(first.Length, i => SumOver(kernel, k => Math.Abs(w2[(d * c1 + first[i]) * kernel + k])))
            * SumOver(hidden, j => SumOver(cells, p => Math.Abs(wh[j * features + d * cells + p]))));
        var units = Top(hidden, KeptUnits(hidden, c2, KeptChannels(c2, keep), keep), j => SumOver(second.Length, i => SumOver(cells, p => Math.Abs(wh[j * features + second[i] * cells + p])))
            * SumOver(classes, k => Math.Abs(wc[k * hidden + j])));

        // The file's first nodes are (pixel · scale + shift) = (pixel / 255 − mean) / deviation.
        var deviation = scale.Select(v => 1f / (255f * v)).ToArray();
        var normalisation = new ImageNormalisation([.. shift.Select((t, c) => -t * deviation[c])], deviation);

        var network = new ImageCnn(shape, first.Length, second.Length, units.Length, classes, ImageCnnWriter.IsMirrored(graph));
        using (no_grad())
        {
            Copy(network.First.weight!, [.. first.SelectMany(c => w1.Skip(c * inputs * kernel).Take(inputs * kernel))]);
            Copy(network.First.bias!, [.. first.Select(c => b1[c])]);
            Copy(network.Second.weight!, [.. second.SelectMany(d => first.SelectMany(o => w2.Skip((d * c1 + o) * kernel).Take(kernel)))]);
            Copy(network.Second.bias!, [.. second.Select(d => b2[d])]);
            Copy(network.Hidden.weight!, [.. units.SelectMany(j => second.SelectMany(d => wh.Skip(j * features + d * cells).Take(cells)))]);
            Copy(network.Hidden.bias!, [.. units.Select(j => bh[j])]);
            Copy(network.Classifier.weight!, [.. Enumerable.Range(0, classes).SelectMany(k => units.Select(j => wc[k * hidden + j]))]);
            Copy(network.Classifier.bias!, bc);
            // The teacher's norms live in its kernels: these are the identity, and stay it.
            foreach (var norm in new[] { network.FirstNorm, network.SecondNorm })
            {
                norm.RunningVariance.fill_(1 - ChannelNorm.Epsilon);
                norm.Frozen = true;
            }
        }
        network.eval();
        return (network, normalisation);
    }

    /// <summary>The indices of the <paramref name="keep"/> share (at least one) with the highest importance, ascending.</summary>
    private static int[] Top(int count, int kept, Func<int, double> importance) =>
        [.. Enumerable.Range(0, count).OrderByDescending(importance).Take(kept).Order()];

    private static double SumOver(int count, Func<int, double> term)
    {
        double sum = 0;
        for (var i = 0; i < count; i++) sum += term(i);
        return sum;
    }

    private static void Copy(Tensor target, float[] values)
    {
        if (values.Length != target.numel()) throw new InvalidOperationException($"{values.Length} values for a tensor of {target.numel()}.");
        using var source = tensor(values, target.shape);
        target.copy_(source);
    }
}
