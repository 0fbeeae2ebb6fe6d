using Platform.Modeling.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Images;

/// <summary>
/// Trains an <see cref="ImageCnn"/> (issue 17): AdamW under a one-cycle schedule, random horizontal
/// flips, the epoch with the best validation accuracy kept, stopping once it has not improved for
/// the options' patience. The test images are not seen here; the caller scores them afterwards.
/// </summary>
public static class ImageCnnTrainer
{
    /// <param name="teacher">
    /// A teacher's class probabilities for the train images (row-major [images, classes]): the network
    /// is then a distilled student, learning the teacher's softened answers beside the labels.
    /// </param>
    public static TrainedImageCnn Train(LabelledImages train, LabelledImages validation, int classes, ImageCnnOptions options, CancellationToken ct,
        Action<ImageEpoch>? progress = null, float[]? teacher = null)
    {
        if (train.Count == 0 || validation.Count == 0) throw new ArgumentException("Training needs train and validation images.");
        if (train.Shape.Height % 4 != 0 || train.Shape.Width % 4 != 0)
            throw new ArgumentException($"Images of {train.Shape.Height}×{train.Shape.Width} pixels: two 2×2 poolings need sides divisible by 4.");
        torch.manual_seed(options.Seed);
        var network = new ImageCnn(train.Shape, options.FirstChannels, options.SecondChannels, options.Hidden, classes, mirrored: options.HorizontalFlips);
        return Fit(network, ImageNormalisation.Of(train), train, validation, classes, options, ct, progress, teacher);
    }

    /// <summary>
    /// Trains <paramref name="network"/> as it is (a pruned network's kept weights, say) under a given
    /// normalisation; the one-cycle schedule starts again from the options' learning rate.
    /// </summary>
    internal static TrainedImageCnn Fit(ImageCnn network, ImageNormalisation normalisation, LabelledImages train, LabelledImages validation, int classes,
        ImageCnnOptions options, CancellationToken ct, Action<ImageEpoch>? progress = null, float[]? teacher = null)
    {
        torch.set_num_threads(options.Threads);
        // Only weight matrices and kernels are decayed; biases and normalisation scales (one value per channel) are not, as usual for AdamW.
        var parameters = network.parameters().Select(p => (p, options.LearningRate, p.dim() > 1)).ToArray();
        using var optimizer = new RootedAdamW(parameters, options.WeightDecay);
        var random = new Random(options.Seed);
        var softened = teacher is null ? null : Text.TextCnnTrainer.Softened(teacher, classes, options.Temperature);
        var teacherWeight = softened is null ? 0 : options.TeacherWeight;
        using var temperature = options.Temperature.ToScalar();
        // The soft term's gradients shrink as 1/T²: scaled back, as Hinton et al. do.
        using var softWeight = (teacherWeight * options.Temperature * options.Temperature).ToScalar();
        using var labelWeight = (1 - teacherWeight).ToScalar();
        var batchesPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var steps = options.Epochs * batchesPerEpoch;
        var step = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var best = (Accuracy: double.NegativeInfinity, Epoch: 0, Weights: Snapshot(network));
        for (var epoch = 1; epoch <= options.Epochs && epoch - best.Epoch <= options.Patience; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            network.train();
            var order = Enumerable.Range(0, train.Count).ToArray();
            random.Shuffle(order);
            double lossSum = 0;
            foreach (var batch in order.Chunk(options.BatchSize))
            {
                using var scope = NewDisposeScope();
                // A network that answers for an image and its mirror learns on both; its options made it so (Train) or its teacher did (ImagePruner).
                var images = Batch(train, batch, normalisation, random, network.Mirrored, options.Shifts);
                var labels = tensor(batch.Select(i => (long)train.Labels[i]).ToArray());
                var logits = network.forward(images);
                var loss = nn.functional.cross_entropy(logits, labels, label_smoothing: options.LabelSmoothing);
                if (softened is not null)
                {
                    // A flipped image keeps its class: the teacher's answer for it as it came is the target.
                    var soft = tensor(batch.SelectMany(i => softened.AsSpan(i * classes, classes).ToArray()).ToArray(), [batch.Length, classes]);
                    var distilled = -(soft * nn.functional.log_softmax(logits.div(temperature), 1)).sum(1).mean();
                    loss = distilled.mul(softWeight).add(loss.mul(labelWeight), RootedScalars.One);
                }
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step(OneCycle(step++, steps, options.WarmUp));
                lossSum += loss.item<float>() * batch.Length;
            }
            var validationScores = Probabilities(network, validation, normalisation, classes);
            var accuracy = Accuracy(validationScores, validation.Labels, classes);
            progress?.Invoke(new ImageEpoch(epoch, lossSum / train.Count, accuracy, clock.Elapsed) { ValidationScores = validationScores });
            if (accuracy > best.Accuracy)
            {
                DisposeAll(best.Weights);
                best = (accuracy, epoch, Snapshot(network));
            }
        }
        using (no_grad())
            foreach (var (state, value) in State(network).Zip(best.Weights)) state.copy_(value);
        DisposeAll(best.Weights);
        network.eval();
        return new TrainedImageCnn(network, normalisation, classes, best.Epoch, best.Accuracy);
    }

    /// <summary>One finished epoch: the train cross-entropy and the validation accuracy.</summary>
    public sealed record ImageEpoch(int Epoch, double TrainLoss, double ValidationAccuracy, TimeSpan Elapsed)
    {
        /// <summary>The validation images' class probabilities after this epoch, row-major [images, classes].</summary>
        public float[] ValidationScores { get; init; } = [];
    }

    /// <summary>The share of images whose likeliest class is their label.</summary>
    public static double Accuracy(float[] probabilities, int[] labels, int classes)
    {
        var right = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            var likeliest = 0;
            for (var c = 1; c < classes; c++) if (row[c] > row[likeliest]) likeliest = c;
            if (likeliest == labels[i]) right++;
        }
        return (double)right / labels.Length;
    }

    /// <summary>Class probabilities, row-major [images, classes], with the network in evaluation mode.</summary>
    internal static float[] Probabilities(ImageCnn network, LabelledImages images, ImageNormalisation normalisation, int classes)
    {
        var wasTraining = network.training;
        network.eval();
        var scores = new float[images.Count * classes];
        using (no_grad())
        {
            foreach (var batch in Enumerable.Range(0, images.Count).Chunk(256))
            {
                using var scope = NewDisposeScope();
                var probabilities = nn.functional.softmax(network.forward(Batch(images, batch, normalisation, null)), 1).data<float>().ToArray();
                probabilities.CopyTo(scores.AsSpan(batch[0] * classes));
            }
        }
        network.train(wasTraining);
        return scores;
    }

    /// <summary>One cycle (Smith): from a 25th of the peak up to it over the warm-up, then down along a cosine to nearly zero.</summary>
    internal static double OneCycle(int step, int steps, double warmUp)
    {
        var peakAt = Math.Max(1, (int)(steps * warmUp));
        if (step < peakAt) return 0.04 + 0.96 * step / peakAt;
        var progress = (double)(step - peakAt) / Math.Max(1, steps - peakAt);
        return 0.5 * (1 + Math.Cos(Math.PI * progress)) * 0.9999 + 1e-4;
    }

    /// <summary>
    /// A batch as the network takes it, normalised; when <paramref name="random"/> is given, each image
    /// mirrored at random (<paramref name="flips"/>) and moved by up to <paramref name="shifts"/> pixels
    /// each way, its edge repeated into the space it leaves (a product's background, whatever its colour).
    /// </summary>
    private static Tensor Batch(LabelledImages images, int[] batch, ImageNormalisation normalisation, Random? random, bool flips = false, int shifts = 0)
    {
        var shape = images.Shape;
        var plane = shape.Height * shape.Width;
        var values = new float[batch.Length * shape.Values];
        for (var b = 0; b < batch.Length; b++)
        {
            var image = images.Image(batch[b]);
            var flip = random is not null && flips && random.Next(2) == 1;
            var (dx, dy) = random is not null && shifts > 0 ? (random.Next(-shifts, shifts + 1), random.Next(-shifts, shifts + 1)) : (0, 0);
            var target = values.AsSpan(b * shape.Values, shape.Values);
            for (var c = 0; c < shape.Channels; c++)
            {
                var (scale, shift) = normalisation.Affine(c);
                for (var y = 0; y < shape.Height; y++)
                    for (var x = 0; x < shape.Width; x++)
                    {
                        var (sx, sy) = (Math.Clamp(x - dx, 0, shape.Width - 1), Math.Clamp(y - dy, 0, shape.Height - 1));
                        var source = c * plane + sy * shape.Width + (flip ? shape.Width - 1 - sx : sx);
                        target[c * plane + y * shape.Width + x] = image[source] * scale + shift;
                    }
            }
        }
        return tensor(values, [batch.Length, shape.Channels, shape.Height, shape.Width]);
    }

    /// <summary>Parameters and batch normalisation's running statistics: what the best epoch's network is.</summary>
    private static IEnumerable<Tensor> State(ImageCnn network) => network.parameters().Cast<Tensor>().Concat(network.buffers());

    private static Tensor[] Snapshot(ImageCnn network) => [.. State(network).Select(t => t.detach().clone().DetachFromDisposeScope())];

    private static void DisposeAll(Tensor[] tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }
}
