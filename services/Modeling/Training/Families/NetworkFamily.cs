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
/// difference; multiclass: multinomial); otherwise the MLP. On a regression split the network ends
/// in one output trained with squared error on the standardised target (no class weights, no
/// softmax); without a hidden layer that is linear regression (ADR 31).
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

    /// <summary>The classification name; a hidden-layer-less network fitted on a regression split is <see cref="ModelFamilies.LinearRegression"/>.</summary>
    public string Name => _options.HiddenLayers.Count == 0 ? ModelFamilies.LogisticRegression : ModelFamilies.Mlp;

    private string NameFor(TrainingSplit split) =>
        split.IsRegression && _options.HiddenLayers.Count == 0 ? ModelFamilies.LinearRegression : Name;

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
        var outputs = split.Outputs;
        var regression = split.IsRegression;
        var validationX = tensor(split.Features(validationRows), [validationRows.Length, pipeline.Width]);
        // A regression learns the target standardised on the train rows, so one learning rate suits
        // any units; the file gets the scale back in its last layer (Standardised.Unfold).
        var target = regression ? Standardised.Of(split.TrainValues) : default;
        var trainY = regression
            ? tensor(target.Apply(split.TrainValues), [trainRows.Length, 1])
            : tensor(trainLabels.Select(l => (long)l).ToArray(), [trainRows.Length]);
        var validationY = regression
            ? tensor(target.Apply(split.ValidationValues), [validationRows.Length, 1])
            : tensor(validationLabels.Select(l => (long)l).ToArray(), [validationRows.Length]);

        // Each class weighs as much in the loss as any other, whatever their counts (every class has
        // train rows: LabelledTable refuses a split without).
        var counts = new int[split.Classes];
        if (!regression) foreach (var label in trainLabels) counts[label]++;
        var classWeights = regression ? null : tensor(counts.Select(c => trainLabels.Length / ((float)outputs * c)).ToArray());
        // A student's targets are the teacher's probabilities per row (a regression teacher's values,
        // standardised as the labels are); the teacher's own weighting is in them already.
        var trainSoft = teacher is null ? null
            : tensor(regression ? target.Apply(teacher.Train) : teacher.Train, [trainRows.Length, outputs]);
        var validationSoft = teacher is null ? null
            : tensor(regression ? target.Apply(teacher.Validation) : teacher.Validation, [validationRows.Length, outputs]);
        Tensor Loss(Tensor logits, Tensor hard, Tensor? soft) => regression
            ? nn.functional.mse_loss(logits, soft ?? hard)
            : soft is null
                ? nn.functional.cross_entropy(logits, hard, classWeights)
                : -(soft * nn.functional.log_softmax(logits, 1)).sum(1).mean();
        // Row-major scores as the file gives them: probabilities, or values in the target's units.
        float[] Scores(Tensor logits) => regression
            ? target.Revert(logits.data<float>().ToArray())
            : nn.functional.softmax(logits, 1).data<float>().ToArray();

        var (network, layers) = BuildNetwork(pipeline.Width, outputs);
        if (initial is not null)
        {
            if (initial.Count != layers.Length || initial.Where((l, i) => l.Inputs != layers[i].weight!.shape[1] || l.Outputs != layers[i].weight!.shape[0]).Any())
                throw new ArgumentException("The initial weights do not have this network's shapes.", nameof(initial));
            // A regression file's last layer answers in the target's units; training goes on in standard units.
            Restore(layers, regression ? [.. initial.SkipLast(1), target.Fold(initial[^1], inverse: true)] : initial);
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
                validationScores = Scores(logits);
            }
            if (validationLoss < best.Loss - 1e-6) best = (validationLoss, epoch, Snapshot(layers));
            progress?.Report(new EpochProgress(
                epoch, _options.MaxEpochs, trainLoss / order.Length, validationLoss,
                split.ValidationQuality(validationScores), stopwatch.Elapsed));
        }

        Restore(layers, best.Layers);
        network.eval();
        var onnx = regression
            ? RegressionOnnxWriter.Write(pipeline, [.. best.Layers.SkipLast(1), target.Fold(best.Layers[^1], inverse: false)], split.Table.Target)
            : ClassifierOnnxWriter.Write(pipeline, best.Layers, split.Table.Classes, split.Table.Target);

        var networkScores = new List<float>(testRows.Length * outputs);
        using (no_grad())
            foreach (var piece in testRows.Chunk(rowsAtOnce))
            {
                using var evaluation = torch.NewDisposeScope();
                var testX = tensor(split.Features(piece), [piece.Length, pipeline.Width]);
                networkScores.AddRange(Scores(network.forward(testX)));
            }
        return new FittedFamily(NameFor(split), onnx, [.. networkScores], epoch);
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
