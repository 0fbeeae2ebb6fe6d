using System.Text.Json;
using Google.Protobuf;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Privacy;

/// <summary>
/// An MLP trained with DP-SGD (ADR 28): each step samples every train row with probability q
/// (Poisson), clips each sampled row's gradient to L2 norm C, adds Gaussian noise of standard
/// deviation σ·C to their sum and divides by the expected batch size q·n; σ is calibrated before
/// training so that all its steps spend at most the target ε for δ (<see cref="RdpAccountant"/>).
/// Per-row gradients are not computed one row at a time: for a dense layer the gradient of row i is
/// the outer product δᵢ ⊗ aᵢ of the loss's gradient at the layer's output and the layer's input, so
/// its norm is ‖δᵢ‖·‖aᵢ‖ and the clipped sum is one matrix product (Goodfellow, "Efficient per-example
/// gradient computations", 2015) — one forward and backward pass per step, as without privacy.
/// The guarantee covers the network's weights; the preprocessing (medians, means, scales,
/// categories) is fitted on the train rows without noise, and the epoch kept is chosen on the
/// validation rows, which are not the protected ones. No class weights: they would be counted from
/// the protected labels.
/// </summary>
public sealed class PrivateNetworkFamily(DifferentialPrivacyOptions privacy) : IClassifierFamily
{
    public string Name => ModelFamilies.Mlp;

    /// <summary>
    /// <paramref name="progress"/> hears nothing: a learning curve's train loss is computed from the
    /// protected rows without noise, and publishing it per epoch would release what the guarantee
    /// covers.
    /// </summary>
    public FittedFamily Fit(TrainingSplit split, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        if (split.IsRegression)
            throw new Data.InvalidTrainingDataException("Differentially private training is built for classification; a regression cannot be trained with a privacy budget yet.");
        var (trainRows, trainLabels) = (split.TrainRows, split.TrainLabels);
        var n = trainRows.Length;
        var delta = privacy.Delta ?? DifferentialPrivacyOptions.DefaultDelta(n);
        var sampleRate = Math.Min(1.0, privacy.ExpectedBatchSize / (double)n);
        var stepsPerEpoch = (int)Math.Ceiling(1 / sampleRate);
        var steps = (long)stepsPerEpoch * privacy.Epochs;
        var sigma = RdpAccountant.NoiseFor(privacy.TargetEpsilon, delta, sampleRate, steps);
        var accountant = new RdpAccountant();
        accountant.Compose(sigma, sampleRate, steps);
        var (epsilon, order) = accountant.Epsilon(delta);

        lock (NetworkFamily.TorchRandom)
        {
            torch.set_num_threads(1);
            torch.manual_seed(split.Seed);
            using var scope = torch.NewDisposeScope();
            var width = split.Pipeline.Width;
            var classes = split.Classes;
            var trainX = tensor(split.Features(trainRows), [n, width]);
            var trainY = tensor(trainLabels.Select(l => (long)l).ToArray(), [n]);
            var validationX = tensor(split.Features(split.ValidationRows), [split.ValidationRows.Length, width]);
            var validationY = tensor(split.ValidationLabels.Select(l => (long)l).ToArray(), [split.ValidationRows.Length]);

            var sizes = new List<int> { width };
            sizes.AddRange(privacy.HiddenLayers);
            sizes.Add(classes);
            var weights = new List<TorchSharp.Modules.Parameter>();
            var biases = new List<TorchSharp.Modules.Parameter>();
            for (var l = 0; l < sizes.Count - 1; l++)
            {
                // PyTorch's Linear initialisation: U(−1/√in, 1/√in) for weights and biases.
                var bound = 1 / Math.Sqrt(sizes[l]);
                weights.Add(new TorchSharp.Modules.Parameter(empty(sizes[l + 1], sizes[l]).uniform_(-bound, bound)));
                biases.Add(new TorchSharp.Modules.Parameter(empty(sizes[l + 1]).uniform_(-bound, bound)));
            }
            using var optimizer = new RootedAdam([.. weights, .. biases], privacy.LearningRate, 0);
            var sampling = new Random(split.Seed);
            using var noise = new torch.Generator((ulong)(split.Seed + 1));
            var best = (Loss: double.PositiveInfinity, Epoch: 0, Layers: Snapshot(weights, biases));
            // Every scalar handed to libtorch is referenced until its call returns (RootedScalars).
            using var noiseScale = (sigma * privacy.ClipNorm).ToScalar();
            using var expectedBatch = (sampleRate * n).ToScalar();
            using var clip = privacy.ClipNorm.ToScalar();

            for (var epoch = 1; epoch <= privacy.Epochs; epoch++)
            {
                for (var s = 0; s < stepsPerEpoch; s++)
                {
                    ct.ThrowIfCancellationRequested();
                    using var step = torch.NewDisposeScope();
                    var batch = Enumerable.Range(0, n).Where(_ => sampling.NextDouble() < sampleRate).Select(i => (long)i).ToArray();
                    optimizer.ZeroGrad();
                    var sums = batch.Length == 0
                        ? weights.Select((w, l) => (zeros_like(w), zeros_like(biases[l]))).ToArray()
                        : ClippedSums(weights, biases, trainX.index_select(0, tensor(batch)), trainY.index_select(0, tensor(batch)), clip);
                    using (no_grad())
                    {
                        for (var l = 0; l < weights.Count; l++)
                        {
                            // Noise on every coordinate, also when no row was sampled: an empty step must look like any other.
                            var (weightSum, biasSum) = sums[l];
                            var noisyWeight = randn(weights[l].shape, generator: noise).mul_(noiseScale).add_(weightSum, RootedScalars.One).div_(expectedBatch);
                            var noisyBias = randn(biases[l].shape, generator: noise).mul_(noiseScale).add_(biasSum, RootedScalars.One).div_(expectedBatch);
                            SetGradient(weights[l], noisyWeight);
                            SetGradient(biases[l], noisyBias);
                        }
                    }
                    optimizer.Step();
                }

                double validationLoss;
                using (no_grad())
                using (var evaluation = torch.NewDisposeScope())
                    validationLoss = nn.functional.cross_entropy(Forward(weights, biases, validationX, null), validationY).item<float>();
                if (validationLoss < best.Loss - 1e-6) best = (validationLoss, epoch, Snapshot(weights, biases));
            }

            var onnx = ClassifierOnnxWriter.Write(split.Pipeline, best.Layers, split.Table.Classes, split.Table.Target);
            float[] testScores;
            using (no_grad())
            using (var evaluation = torch.NewDisposeScope())
            {
                Restore(weights, biases, best.Layers);
                var testX = tensor(split.Features(split.TestRows), [split.TestRows.Length, width]);
                testScores = nn.functional.softmax(Forward(weights, biases, testX, null), 1).data<float>().ToArray();
            }

            var proto = ModelProto.Parser.ParseFrom(onnx);
            proto.MetadataProps.Add(new StringStringEntryProto
            {
                Key = ModelMetadata.DifferentialPrivacy,
                Value = JsonSerializer.Serialize(new DifferentialPrivacyRecord(
                    epsilon, delta, privacy.TargetEpsilon, sigma, privacy.ClipNorm, sampleRate, steps, privacy.Epochs, best.Epoch, order)),
            });
            return new FittedFamily(Name, proto.ToByteArray(), testScores, privacy.Epochs);
        }
    }

    /// <summary>
    /// The sum over the rows of each layer's gradient, every row's whole gradient first clipped to
    /// <paramref name="clip"/>: from each layer's inputs aᵢ and output gradients δᵢ, row norms
    /// ‖gᵢ‖² = Σ_layers ‖δᵢ‖²(‖aᵢ‖² + 1) (weights and bias), factors min(1, C/‖gᵢ‖), and the clipped
    /// sums (c ⊙ δ)ᵀ a and Σ c ⊙ δ.
    /// </summary>
    private static (Tensor Weight, Tensor Bias)[] ClippedSums(
        List<TorchSharp.Modules.Parameter> weights, List<TorchSharp.Modules.Parameter> biases, Tensor x, Tensor y, Scalar clip)
    {
        var inputs = new List<Tensor>();
        var outputs = new List<Tensor>();
        var logits = Forward(weights, biases, x, (input, output) => { inputs.Add(input); outputs.Add(output); });
        // Summed, not averaged: row i's loss then reaches only row i of each output, so each output's
        // gradient row is that row's own δ.
        var loss = nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.Sum);
        var deltas = torch.autograd.grad([loss], [.. outputs]);
        using var _ = no_grad();
        var squaredNorms = zeros(x.shape[0]);
        for (var l = 0; l < deltas.Count; l++)
            squaredNorms.add_(deltas[l].mul(deltas[l]).sum(1).mul_(inputs[l].mul(inputs[l]).sum(1).add_(RootedScalars.One, RootedScalars.One)), RootedScalars.One);
        using var tiny = 1e-12.ToScalar();
        var factors = squaredNorms.sqrt().add_(tiny, RootedScalars.One).reciprocal().mul_(clip).clamp_max(RootedScalars.One).unsqueeze(1);
        return deltas.Select((delta, l) =>
        {
            var scaled = delta.mul(factors);
            return (scaled.t().matmul(inputs[l].detach()), scaled.sum(0));
        }).ToArray();
    }

    private static Tensor Forward(List<TorchSharp.Modules.Parameter> weights, List<TorchSharp.Modules.Parameter> biases, Tensor x, Action<Tensor, Tensor>? layer)
    {
        var h = x;
        for (var l = 0; l < weights.Count; l++)
        {
            var z = nn.functional.linear(h, weights[l], biases[l]);
            layer?.Invoke(h, z);
            h = l < weights.Count - 1 ? nn.functional.relu(z) : z;
        }
        return h;
    }

    private static void SetGradient(TorchSharp.Modules.Parameter parameter, Tensor gradient)
    {
        if (parameter.grad is { } grad) grad.copy_(gradient);
        else parameter.grad = gradient.clone().DetachFromDisposeScope();
    }

    private static DenseLayer[] Snapshot(List<TorchSharp.Modules.Parameter> weights, List<TorchSharp.Modules.Parameter> biases) =>
        weights.Select((w, l) => new DenseLayer(w.data<float>().ToArray(), biases[l].data<float>().ToArray(), (int)w.shape[1], (int)w.shape[0])).ToArray();

    private static void Restore(List<TorchSharp.Modules.Parameter> weights, List<TorchSharp.Modules.Parameter> biases, DenseLayer[] saved)
    {
        for (var l = 0; l < weights.Count; l++)
        {
            weights[l].copy_(tensor(saved[l].Weight, [saved[l].Outputs, saved[l].Inputs]));
            biases[l].copy_(tensor(saved[l].Bias, [saved[l].Outputs]));
        }
    }
}

/// <summary>
/// What a private training is asked for and how it runs: the target ε (δ defaults below 1/n),
/// the clipping norm, the expected batch size (q = batch / n), the epochs (all run: the noise is
/// calibrated for every step), the network and Adam's step. The defaults were chosen at ε = 4 among
/// 26 settings by the mean validation ROC-AUC on finance and diabetes, never by test (ADR 28).
/// </summary>
public sealed record DifferentialPrivacyOptions(double TargetEpsilon)
{
    public double? Delta { get; init; }
    public double ClipNorm { get; init; } = 1.0;
    public int ExpectedBatchSize { get; init; } = 128;
    public int Epochs { get; init; } = 60;
    public IReadOnlyList<int> HiddenLayers { get; init; } = [64, 32];
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>δ below 1/n, as the guarantee needs to mean anything: 1e-5, or 1/(10n) for more than 10,000 rows.</summary>
    public static double DefaultDelta(int rows) => Math.Min(1e-5, 1.0 / (10.0 * rows));
}

/// <summary>
/// The guarantee as recorded in the model file (<see cref="ModelMetadata.DifferentialPrivacy"/>) and
/// its lineage: ε spent for δ, and how: the noise multiplier, clipping norm, sampling rate, steps,
/// epochs run and the one kept, the RDP order that gave ε. Assumptions: Poisson sampling,
/// add-or-remove-one neighbours, the preprocessing outside the guarantee.
/// </summary>
public sealed record DifferentialPrivacyRecord(
    double Epsilon, double Delta, double TargetEpsilon, double NoiseMultiplier, double ClipNorm, double SampleRate,
    long Steps, int Epochs, int KeptEpoch, double Order)
{
    public string Accountant { get; init; } = "RDP of the sampled Gaussian mechanism (Mironov et al. 2019), converted by Balle et al. 2020";
    public string Assumptions { get; init; } = "Poisson sampling; add-or-remove-one neighbours; preprocessing statistics fitted without noise";

    public const string EpsilonMetric = "epsilon";
    public const string DeltaMetric = "delta";

    /// <summary>The guarantee a model file carries, or null for a model trained without one.</summary>
    public static DifferentialPrivacyRecord? Of(byte[] onnx) =>
        ModelProto.Parser.ParseFrom(onnx).MetadataProps.FirstOrDefault(p => p.Key == ModelMetadata.DifferentialPrivacy)?.Value is { } json
            ? JsonSerializer.Deserialize<DifferentialPrivacyRecord>(json)
            : null;

    /// <summary>ε and δ as a model version's metrics, beside its accuracy.</summary>
    public IEnumerable<KeyValuePair<string, double>> Metrics() => [new(EpsilonMetric, Epsilon), new(DeltaMetric, Delta)];
}
