using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Platform.Modeling.Onnx;
using Platform.Tabular;

namespace Platform.Modeling.Training.Families;

/// <summary>
/// Gradient-boosted trees grown by ML.NET's FastTree on the same feature vector as the networks,
/// then written into the classifier file by <see cref="BoostedTreesOnnxWriter"/>. Trees split on
/// order alone, so the standardisation changes nothing they learn, and a one-hot slot splits as a
/// category would; missing numbers are the train median, as for the networks.
/// </summary>
public sealed class BoostedTreesFamily(BoostedTreesOptions? options = null) : IClassifierFamily
{
    private readonly BoostedTreesOptions _options = options ?? new BoostedTreesOptions();

    public string Name => ModelFamilies.BoostedTrees;

    /// <summary>
    /// FastTree has no epochs to report: <paramref name="progress"/> hears nothing. Multiclass is one
    /// calibrated ensemble per class against the rest, their probabilities divided by their sum (as
    /// ML.NET's OneVersusAll does), since FastTree grows binary and regression trees only.
    /// </summary>
    public FittedFamily Fit(TrainingSplit split, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        var (rows, labels) = (split.TrainRows, split.TrainLabels);
        var width = split.Pipeline.Width;
        // The train rows' features as an array, and FastTree's copy of them (binned, a few bytes a
        // value, but its dataset and the IDataView rows are copies too): twice the array is the need.
        var bytes = 2 * split.Pipeline.TransformBytes(rows.Length);
        split.Budget.Reserve(bytes, $"the boosted trees need {MemoryBudget.InMebibytes(bytes)} for their train features ({rows.Length:N0} rows × {width:N0} inputs)");

        var ml = new MLContext(split.Seed);
        var trainFeatures = split.Features(rows);
        var testFeatures = split.Features(split.TestRows);
        if (split.IsRegression) return FitRegression(ml, split, trainFeatures, testFeatures, width);
        // Binary: one ensemble for class 1. Multiclass: one per class.
        var targets = split.Classes == 2 ? [1] : Enumerable.Range(0, split.Classes).ToArray();
        var ensembles = new List<BoostedTrees>(targets.Length);
        var perClass = new List<float[]>(targets.Length);
        foreach (var target in targets)
        {
            ct.ThrowIfCancellationRequested();
            var (ensemble, testScores) = FitOne(ml, split, trainFeatures, labels.Select(l => l == target).ToArray(), testFeatures, width);
            ensembles.Add(ensemble);
            perClass.Add(testScores);
        }

        var testRows = split.TestRows.Length;
        var probabilities = new float[testRows * split.Classes];
        for (var r = 0; r < testRows; r++)
        {
            if (split.Classes == 2)
            {
                (probabilities[2 * r], probabilities[2 * r + 1]) = (1 - perClass[0][r], perClass[0][r]);
                continue;
            }
            var sum = 0f;
            for (var c = 0; c < split.Classes; c++) sum += perClass[c][r];
            for (var c = 0; c < split.Classes; c++) probabilities[r * split.Classes + c] = perClass[c][r] / sum;
        }
        var onnx = BoostedTreesOnnxWriter.Write(split.Pipeline, ensembles, split.Table.Classes, split.Table.Target);
        return new FittedFamily(Name, onnx, probabilities, ensembles.Sum(e => e.Trees.Count));
    }

    /// <summary>
    /// A regression: FastTree's regression trees on the raw target (trees do not care about its
    /// scale), squared error, the same settings; their sum is the prediction (ADR 31).
    /// </summary>
    private FittedFamily FitRegression(MLContext ml, TrainingSplit split, float[] trainFeatures, float[] testFeatures, int width)
    {
        var train = ml.Data.LoadFromEnumerable(Rows(trainFeatures, split.TrainValues, width), Schema(width));
        var trainer = ml.Regression.Trainers.FastTree(Settings(new FastTreeRegressionTrainer.Options(), split.Seed));
        var model = trainer.Fit(train);
        var ensemble = model.Model.TrainedTreeEnsemble;
        var trees = Trees(ensemble);
        var test = ml.Data.LoadFromEnumerable(Rows(testFeatures, new float[testFeatures.Length / width], width), Schema(width));
        var scores = model.Transform(test).GetColumn<float>("Score").ToArray();
        // No calibration: a slope and offset of 0 are never read for a regression.
        var onnx = BoostedTreesOnnxWriter.WriteRegression(split.Pipeline, new BoostedTrees(trees, ensemble.Bias, 0, 0), split.Table.Target);
        return new FittedFamily(Name, onnx, scores, trees.Length);

        static IEnumerable<ValueRow> Rows(float[] features, float[] values, int width) =>
            Enumerable.Range(0, values.Length).Select(r => new ValueRow { Label = values[r], Features = features.AsSpan(r * width, width).ToArray() });
        static SchemaDefinition Schema(int width)
        {
            var schema = SchemaDefinition.Create(typeof(ValueRow));
            schema[nameof(ValueRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
            return schema;
        }
    }

    /// <summary>The family's settings on FastTree's options, the same for classification and regression.</summary>
    private T Settings<T>(T options, int seed) where T : BoostedTreeOptions
    {
        options.NumberOfTrees = _options.Trees;
        options.NumberOfLeaves = _options.Leaves;
        options.LearningRate = _options.LearningRate;
        options.MinimumExampleCountPerLeaf = _options.MinimumRowsPerLeaf;
        options.FeatureFraction = _options.FeatureFraction;
        // One thread and the seed: the same rows grow the same trees.
        options.NumberOfThreads = 1;
        options.Seed = seed;
        // Features are already numbers in a vector; categorical splits would need key-typed slots.
        options.CategoricalSplit = false;
        return options;
    }

    /// <summary>The ensemble's trees with each tree's weight folded into its leaves.</summary>
    private static DecisionTree[] Trees(Microsoft.ML.Trainers.FastTree.RegressionTreeEnsemble ensemble) => ensemble.Trees.Select((tree, t) => new DecisionTree(
        tree.NumericalSplitFeatureIndexes.ToArray(),
        tree.NumericalSplitThresholds.ToArray(),
        tree.LeftChild.ToArray(),
        tree.RightChild.ToArray(),
        tree.LeafValues.Select(v => (float)(v * ensemble.TreeWeights[t])).ToArray())).ToArray();

    private (BoostedTrees Ensemble, float[] TestScores) FitOne(MLContext ml, TrainingSplit split, float[] trainFeatures, bool[] trainLabels, float[] testFeatures, int width)
    {
        var train = View(ml, trainFeatures, trainLabels, width);
        var trainer = ml.BinaryClassification.Trainers.FastTree(Settings(new FastTreeBinaryTrainer.Options(), split.Seed));
        var model = trainer.Fit(train);

        var ensemble = model.Model.SubModel.TrainedTreeEnsemble;
        var trees = Trees(ensemble);
        var calibrator = model.Model.Calibrator;
        var test = View(ml, testFeatures, new bool[testFeatures.Length / width], width);
        var scores = model.Transform(test).GetColumn<float>("Probability").ToArray();
        return (new BoostedTrees(trees, ensemble.Bias, calibrator.Slope, calibrator.Offset), scores);
    }

    private static IDataView View(MLContext ml, float[] features, bool[] labels, int width)
    {
        var rows = new FeatureRow[labels.Length];
        for (var r = 0; r < rows.Length; r++) rows[r] = new FeatureRow { Label = labels[r], Features = features.AsSpan(r * width, width).ToArray() };
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private sealed class ValueRow
    {
        public float Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    private sealed class FeatureRow
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
    }
}

/// <summary>
/// FastTree's settings: more, smaller and slower trees than ML.NET's defaults (100 trees of 20
/// leaves at 0.2, 10 rows a leaf), which overfit the samples' few thousand rows. Chosen among a dozen
/// settings by the mean validation ROC-AUC over the three samples, never by test (ADR 22).
/// </summary>
public sealed record BoostedTreesOptions
{
    public int Trees { get; init; } = 200;
    public int Leaves { get; init; } = 8;
    public double LearningRate { get; init; } = 0.05;
    public int MinimumRowsPerLeaf { get; init; } = 20;
    public double FeatureFraction { get; init; } = 1.0;
}
