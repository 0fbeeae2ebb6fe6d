using System.Diagnostics;
using Platform.Modeling.Onnx;
using Platform.Tabular;
using Platform.Tabular.Evaluation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training.Families;

/// <summary>
/// A TorchSharp network on the standardised, one-hot feature vector, one logit per class and a
/// softmax, trained with Adam, class weights and early stopping on validation loss. With no hidden
/// layer it is logistic regression (binary: two logits and a softmax are a sigmoid of their
/// difference; multiclass: multinomial); otherwise the MLP.
/// </summary>
public sealed class NetworkFamily(TrainerOptions? options = null) : IClassifierFamily
{
    private readonly TrainerOptions _options = options ?? new TrainerOptions();

    // TorchSharp's random generator (weight init, dropout) is process-wide: one training at a time
    // owns it, so that a seed always gives the same model.
    internal static readonly Lock TorchRandom = new();

    /// <summary>
    /// Logistic regression: no hidden layer, so no dropout, and a larger step, since a convex model
    /// of a few dozen weights has nothing to overfit in a few epochs and would otherwise take hundreds.
    /// </summary>
    public static NetworkFamily LogisticRegression() =>
        new(new TrainerOptions { HiddenLayers = [], Dropout = 0, LearningRate = 1e-2, MaxEpochs = 100, Patience = 10 });

    public string Name => _options.HiddenLayers.Count == 0 ? ModelFamilies.LogisticRegression : ModelFamilies.Mlp;

    public TrainerOptions Options => _options;

    public FittedFamily Fit(TrainingSplit split, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        lock (TorchRandom) return FitExclusively(split, null, null, progress, ct);
    }

    /// <summary>
    /// Learns another model's positive-class probabilities for the train rows instead of their labels
    /// (knowledge distillation: the soft labels carry what the teacher learned), stopping early on
    /// the same loss against the teacher's probabilities for the validation rows.
    /// </summary>
    public FittedFamily FitToTeacher(TrainingSplit split, SoftTargets teacher, CancellationToken ct = default)
    {
        lock (TorchRandom) return FitExclusively(split, teacher, null, null, ct);
    }

    /// <summary>
    /// Goes on training from <paramref name="initial"/> (whose shapes are this family's) instead of
    /// random weights, stopping early as ever: fine-tuning after pruning (ADR 26).
    /// </summary>
    public FittedFamily FitFrom(TrainingSplit split, IReadOnlyList<DenseLayer> initial, CancellationToken ct = default)
    {
        lock (TorchRandom) return FitExclusively(split, null, initial, null, ct);
    }

    private FittedFamily FitExclusively(
        TrainingSplit split, SoftTargets? teacher, IReadOnlyList<DenseLayer>? initial, IProgress<EpochProgress>? progress, CancellationToken ct)
    {
        var pipeline = split.Pipeline;
        var (trainRows, trainLabels) = (split.TrainRows, split.TrainLabels);
        var (validationRows, validationLabels) = (split.ValidationRows, split.ValidationLabels);
        var testRows = split.TestRows;
        // The test rows go through in pieces no larger than the validation rows: a cross-validation
        // fold holds out more rows than it stops on, and its need stays the whole split's (ADR 22).
        var rowsAtOnce = Math.Max(1, validationRows.Length);
        ReserveNetwork(split.Budget, pipeline, split.Table.Rows.Count, rowsAtOnce);

        torch.set_num_threads(1);
        torch.manual_seed(split.Seed);
        using var scope = torch.NewDisposeScope();

        var trainX = tensor(split.Features(trainRows), [trainRows.Length, pipeline.Width]);
        var classes = split.Classes;
        var trainY = tensor(trainLabels.Select(l => (long)l).ToArray(), [trainRows.Length]);
        var validationX = tensor(split.Features(validationRows), [validationRows.Length, pipeline.Width]);
        var validationY = tensor(validationLabels.Select(l => (long)l).ToArray(), [validationRows.Length]);

        // Each class weighs as much in the loss as any other, whatever their counts (every class has
        // train rows: LabelledTable refuses a split without).
        var counts = new int[classes];
        foreach (var label in trainLabels) counts[label]++;
        var classWeights = tensor(counts.Select(c => trainLabels.Length / ((float)classes * c)).ToArray());
        // A student's targets are the teacher's probabilities per row; the teacher's own weighting is in them already.
        var trainSoft = teacher is null ? null : tensor(teacher.Train, [trainRows.Length, classes]);
        var validationSoft = teacher is null ? null : tensor(teacher.Validation, [validationRows.Length, classes]);
        Tensor Loss(Tensor logits, Tensor hard, Tensor? soft) => soft is null
            ? nn.functional.cross_entropy(logits, hard, classWeights)
            : -(soft * nn.functional.log_softmax(logits, 1)).sum(1).mean();

        var (network, layers) = BuildNetwork(pipeline.Width, classes);
        if (initial is not null)
        {
            if (initial.Count != layers.Length || initial.Where((l, i) => l.Inputs != layers[i].weight!.shape[1] || l.Outputs != layers[i].weight!.shape[0]).Any())
                throw new ArgumentException("The initial weights do not have this network's shapes.", nameof(initial));
            Restore(layers, initial);
        }
        using var optimizer = new RootedAdam(network.parameters(), _options.LearningRate, _options.WeightDecay);
        var shuffle = new Random(split.Seed);
        var order = Enumerable.Range(0, trainRows.Length).Select(i => (long)i).ToArray();

        var best = (Loss: double.PositiveInfinity, Epoch: 0, Layers: Snapshot(layers));
        var stopwatch = Stopwatch.StartNew();
        var epoch = 0;
        while (epoch < _options.MaxEpochs && epoch - best.Epoch < _options.Patience)
        {
            ct.ThrowIfCancellationRequested();
            epoch++;
            shuffle.Shuffle(order);
            network.train();
            double trainLoss = 0;
            for (var start = 0; start < order.Length; start += _options.BatchSize)
            {
                using var step = torch.NewDisposeScope();
                var batch = tensor(order.AsSpan(start, Math.Min(_options.BatchSize, order.Length - start)).ToArray());
                var logits = network.forward(trainX.index_select(0, batch));
                var loss = Loss(logits, trainY.index_select(0, batch), trainSoft?.index_select(0, batch));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
                trainLoss += loss.item<float>() * batch.shape[0];
            }

            network.eval();
            double validationLoss;
            float[] validationScores;
            using (no_grad())
            using (var evaluation = torch.NewDisposeScope())
            {
                var logits = network.forward(validationX);
                validationLoss = Loss(logits, validationY, validationSoft).item<float>();
                validationScores = nn.functional.softmax(logits, 1).data<float>().ToArray();
            }
            if (validationLoss < best.Loss - 1e-6) best = (validationLoss, epoch, Snapshot(layers));
            progress?.Report(new EpochProgress(
                epoch, _options.MaxEpochs, trainLoss / order.Length, validationLoss,
                split.RocAuc(validationLabels, validationScores), stopwatch.Elapsed));
        }

        Restore(layers, best.Layers);
        network.eval();
        var onnx = ClassifierOnnxWriter.Write(pipeline, best.Layers, split.Table.Classes, split.Table.Target);

        var networkScores = new List<float>(testRows.Length * classes);
        using (no_grad())
            foreach (var piece in testRows.Chunk(rowsAtOnce))
            {
                using var evaluation = torch.NewDisposeScope();
                var testX = tensor(split.Features(piece), [piece.Length, pipeline.Width]);
                networkScores.AddRange(nn.functional.softmax(network.forward(testX), 1).data<float>().ToArray());
            }
        return new FittedFamily(Name, onnx, [.. networkScores], epoch);
    }

    /// <summary>
    /// After the table, the largest allocations are the network's inputs (every labelled row once as
    /// an array and once as the tensor it is copied into, one-hot slots included) and the hidden
    /// layers' outputs for the validation or test rows, which go through the network at once (each
    /// layer's output and its activation). Known once the pipeline is fitted, and reserved before the
    /// first is made.
    /// </summary>
    private void ReserveNetwork(MemoryBudget budget, Preprocessing.FeaturePipeline pipeline, int rows, int rowsAtOnce)
    {
        var hidden = _options.HiddenLayers.Sum();
        var bytes = 2 * pipeline.TransformBytes(rows) + 2L * sizeof(float) * rowsAtOnce * hidden;
        budget.Reserve(bytes,
            $"the network needs {MemoryBudget.InMebibytes(bytes)} for its inputs and activations ({rows:N0} rows × {pipeline.Width:N0} inputs " +
            $"after one-hot encoding, as arrays and as tensors; {hidden:N0} hidden outputs for each of {rowsAtOnce:N0} rows evaluated at once)");
    }

    private (Sequential Network, Linear[] Layers) BuildNetwork(int inputs, int classes)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        var layers = new List<Linear>();
        var width = inputs;
        for (var i = 0; i < _options.HiddenLayers.Count; i++)
        {
            var linear = nn.Linear(width, _options.HiddenLayers[i]);
            layers.Add(linear);
            modules.Add(($"linear{i}", linear));
            modules.Add(($"relu{i}", nn.ReLU()));
            if (_options.Dropout > 0) modules.Add(($"dropout{i}", nn.Dropout(_options.Dropout)));
            width = _options.HiddenLayers[i];
        }
        var output = nn.Linear(width, classes);
        layers.Add(output);
        modules.Add(("output", output));
        return (nn.Sequential(modules), layers.ToArray());
    }

    private static DenseLayer[] Snapshot(Linear[] layers) => layers
        .Select(l => new DenseLayer(
            l.weight!.data<float>().ToArray(), l.bias!.data<float>().ToArray(), (int)l.weight.shape[1], (int)l.weight.shape[0]))
        .ToArray();

    private static void Restore(Linear[] layers, IReadOnlyList<DenseLayer> saved)
    {
        using var _ = no_grad();
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i].weight!.copy_(tensor(saved[i].Weight, [saved[i].Outputs, saved[i].Inputs]));
            layers[i].bias!.copy_(tensor(saved[i].Bias, [saved[i].Outputs]));
        }
    }
}
