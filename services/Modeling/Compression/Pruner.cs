using System.Text.Json;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;

namespace Platform.Modeling.Compression;

/// <summary>
/// Structured pruning of an MLP (ADR 26): each hidden layer keeps its most important neurons — a
/// neuron's importance is the norm of its incoming weights times the norm of its outgoing weights,
/// what it can carry from the layer below to the layer above — the others are removed with their
/// rows and columns, and the smaller network is fine-tuned from the kept weights on the train rows,
/// stopping early on validation loss as training does. The file is smaller and computes less (whole
/// neurons go, not scattered weights that a dense Gemm would multiply anyway); it names what was
/// pruned in its metadata (<see cref="ModelMetadata.Pruned"/>). The test rows are left to measure it.
/// </summary>
public static class Pruner
{
    public static PruningOptions Default { get; } = new();

    public static byte[] Prune(byte[] model, TrainingRequest request, PruningOptions? options = null, CancellationToken ct = default)
    {
        options ??= Default;
        if (ModelFamilies.Of(model) != ModelFamilies.Mlp)
            throw new InvalidOperationException($"Pruning removes an MLP's hidden neurons; a {ModelFamilies.Of(model)} model is not an MLP.");
        var layers = ReadLayers(ModelProto.Parser.ParseFrom(model));
        var split = TrainingSplit.Prepare(request);
        if (layers[0].Inputs != split.Pipeline.Width || layers[^1].Outputs != split.Outputs)
            throw new InvalidOperationException(
                $"The model takes {layers[0].Inputs} features to {layers[^1].Outputs} outputs; this dataset gives {split.Pipeline.Width} to {split.Outputs}: it was not trained on it.");

        var kept = new List<int[]>();
        for (var l = 0; l < layers.Count - 1; l++)
        {
            var (layer, next) = (layers[l], layers[l + 1]);
            var importance = new double[layer.Outputs];
            for (var j = 0; j < layer.Outputs; j++)
            {
                double incoming = 0, outgoing = 0;
                for (var i = 0; i < layer.Inputs; i++) incoming += Math.Pow(layer.Weight[j * layer.Inputs + i], 2);
                for (var o = 0; o < next.Outputs; o++) outgoing += Math.Pow(next.Weight[o * next.Inputs + j], 2);
                importance[j] = Math.Sqrt(incoming) * Math.Sqrt(outgoing);
            }
            var count = Math.Clamp((int)Math.Ceiling(options.KeepFraction * layer.Outputs), Math.Min(options.MinimumNeurons, layer.Outputs), layer.Outputs);
            // The most important, in their original order (ties by index: deterministic).
            kept.Add(Enumerable.Range(0, layer.Outputs).OrderByDescending(j => importance[j]).ThenBy(j => j).Take(count).Order().ToArray());
        }
        var pruned = Slice(layers, kept);

        var held = split.Budget.Reserved;
        var fineTune = options.FineTune with { HiddenLayers = kept.Select(k => k.Length).ToArray() };
        var fitted = new NetworkFamily(fineTune).FitFrom(split, pruned, ct);
        split.Budget.Release(split.Budget.Reserved - held);

        return DerivedFile.Finish(split, fitted, fineTune.ParityTolerance, ModelMetadata.Pruned, JsonSerializer.Serialize(new
        {
            layers = kept.Select((k, l) => new { layer = $"layer{l}", neurons = layers[l].Outputs, kept = k.Length }),
            criterion = "|incoming weights| x |outgoing weights| per neuron",
            fineTuneEpochs = fitted.Iterations,
            prunedFrom = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model)),
        }));
    }

    /// <summary>The dense layers of a network file as <see cref="ClassifierOnnxWriter"/> writes them (<c>layer{l}.weight</c> [out, in], <c>layer{l}.bias</c>).</summary>
    internal static IReadOnlyList<DenseLayer> ReadLayers(ModelProto model)
    {
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        var layers = new List<DenseLayer>();
        for (var l = 0; initializers.TryGetValue($"layer{l}.weight", out var weight); l++)
        {
            if (weight.Dims.Count != 2 || weight.DataType != (int)TensorProto.Types.DataType.Float || !initializers.TryGetValue($"layer{l}.bias", out var bias))
                throw new InvalidOperationException($"layer{l} is not a float dense layer (it may be quantized already); pruning needs the float network.");
            layers.Add(new DenseLayer(WeightValues.Floats(weight), WeightValues.Floats(bias), (int)weight.Dims[1], (int)weight.Dims[0]));
        }
        if (layers.Count < 2) throw new InvalidOperationException("The network has no hidden layer to prune.");
        return layers;
    }

    /// <summary>Keeps hidden layer l's neurons <paramref name="kept"/>[l]: those rows of its weights and bias, those columns of the next layer's.</summary>
    private static DenseLayer[] Slice(IReadOnlyList<DenseLayer> layers, IReadOnlyList<int[]> kept)
    {
        var result = new DenseLayer[layers.Count];
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var rows = l < kept.Count ? kept[l] : Enumerable.Range(0, layer.Outputs).ToArray();
            var columns = l > 0 ? kept[l - 1] : Enumerable.Range(0, layer.Inputs).ToArray();
            var weight = new float[rows.Length * columns.Length];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < columns.Length; c++) weight[r * columns.Length + c] = layer.Weight[rows[r] * layer.Inputs + columns[c]];
            result[l] = new DenseLayer(weight, rows.Select(r => layer.Bias[r]).ToArray(), columns.Length, rows.Length);
        }
        return result;
    }
}

/// <summary>
/// How much to prune and how to fine-tune. A quarter of each hidden layer is kept (the finance MLP's
/// 256 × 128 becomes 64 × 32); fine-tuning starts from trained weights, so it needs fewer epochs
/// than training and a shorter patience.
/// </summary>
public sealed record PruningOptions
{
    public double KeepFraction { get; init; } = 0.25;
    public int MinimumNeurons { get; init; } = 4;
    public TrainerOptions FineTune { get; init; } = new() { MaxEpochs = 60, Patience = 8 };
}
