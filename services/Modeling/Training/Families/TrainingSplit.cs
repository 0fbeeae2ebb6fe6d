using Platform.Modeling.Data;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Preprocessing;
using Platform.Tabular;
using Platform.Tabular.Evaluation;

namespace Platform.Modeling.Training.Families;

/// <summary>
/// What every family trains from: the labelled table, its three partitions and the preprocessing
/// fitted on the train rows. Prepared once, so the families are compared on the same rows and the
/// same feature vector, and each file starts with the same preprocessing graph.
/// </summary>
public sealed class TrainingSplit
{
    private static readonly string[] ReservedNames = [ModelMetadata.LabelOutput, ModelMetadata.ProbabilitiesOutput];

    private TrainingSplit(TrainingRequest request, LabelledTable table, FeaturePipeline pipeline,
        (int[], int[], float[]) train, (int[], int[], float[]) validation, (int[], int[], float[]) test)
    {
        Request = request;
        Table = table;
        Pipeline = pipeline;
        (TrainRows, TrainLabels, TrainValues) = train;
        (ValidationRows, ValidationLabels, ValidationValues) = validation;
        (TestRows, TestLabels, TestValues) = test;
    }

    public TrainingRequest Request { get; }
    public ColumnarTable Data => Request.Data;
    public int Seed => Request.Seed;
    public MemoryBudget Budget => Request.Budget;
    public LabelledTable Table { get; }
    public FeaturePipeline Pipeline { get; }
    /// <summary>How many classes the model scores: the width of its probabilities (0 for regression).</summary>
    public int Classes => Table.Classes.Count;

    public bool IsRegression => Table.IsRegression;

    /// <summary>The width of a row's scores: its class probabilities, or a regression's one value.</summary>
    public int Outputs => IsRegression ? 1 : Classes;

    public int[] TrainRows { get; }
    public int[] TrainLabels { get; }
    public int[] ValidationRows { get; }
    public int[] ValidationLabels { get; }
    public int[] TestRows { get; }
    public int[] TestLabels { get; }

    /// <summary>A regression's target values of the train, validation and test rows; empty for classification.</summary>
    public float[] TrainValues { get; }
    public float[] ValidationValues { get; }
    public float[] TestValues { get; }

    public static TrainingSplit Prepare(TrainingRequest request)
    {
        var table = request.Label();
        if (table.FeatureNames.FirstOrDefault(ReservedNames.Contains) is { } reserved)
            throw new InvalidTrainingDataException($"A feature column cannot be named '{reserved}': the model's outputs use that name.");

        var train = table.PartitionWithValues(SplitPartition.Train);
        var validation = table.PartitionWithValues(SplitPartition.Validation);
        var test = table.PartitionWithValues(SplitPartition.Test);
        var pipeline = FeaturePipeline.Fit(request.Data, table.FeatureIndices, train.Rows);
        return new TrainingSplit(request, table, pipeline, train, validation, test);
    }

    /// <summary>
    /// <paramref name="k"/> folds of the train and validation rows together, for choosing a family on
    /// more rows than the validation partition holds (ADR 22). In fold f the rows of fold f are the
    /// held-out "test" rows; the others are split again, about 15 of every 85 kept out to stop early on
    /// (as the validation partition is to the train rows), so that no network stops on the rows
    /// that score it. Each fold fits its own preprocessing on its own train rows. Rows are dealt
    /// to folds class by class in a seeded order, so every fold holds each class in proportion
    /// (a regression's rows decile by decile, so every fold spans the target's range).
    /// </summary>
    public IReadOnlyList<TrainingSplit> Folds(int k)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), k, "Cross-validation needs at least two folds.");
        var rows = TrainRows.Concat(ValidationRows).ToArray();
        var labels = TrainLabels.Concat(ValidationLabels).ToArray();
        var values = TrainValues.Concat(ValidationValues).ToArray();
        var random = new Random(Seed);
        var fold = new int[rows.Length];
        var stop = new bool[rows.Length];
        for (var c = 0; c < Table.Strata; c++)
        {
            var members = Enumerable.Range(0, rows.Length).Where(i => labels[i] == c).ToArray();
            random.Shuffle(members);
            for (var j = 0; j < members.Length; j++)
            {
                fold[members[j]] = j % k;
                // Within the rows a fold trains on, every (k−1)·85/15-th of a class stops early: ≈ 15 %.
                stop[members[j]] = j / k % 100 < 18;
            }
        }
        return Enumerable.Range(0, k).Select(f =>
        {
            int[] Pick(Func<int, bool> keep) => Enumerable.Range(0, rows.Length).Where(keep).ToArray();
            (int[], int[], float[]) Part(int[] picked) => (
                picked.Select(i => rows[i]).ToArray(), picked.Select(i => labels[i]).ToArray(),
                IsRegression ? picked.Select(i => values[i]).ToArray() : []);
            var train = Pick(i => fold[i] != f && !stop[i]);
            var stopping = Pick(i => fold[i] != f && stop[i]);
            var heldOut = Pick(i => fold[i] == f);
            var pipeline = FeaturePipeline.Fit(Data, Table.FeatureIndices, train.Select(i => rows[i]).ToArray());
            return new TrainingSplit(Request, Table, pipeline, Part(train), Part(stopping), Part(heldOut));
        }).ToArray();
    }

    /// <summary>
    /// Every metric of row-major [rows, <see cref="Outputs"/>] scores for rows labelled
    /// <paramref name="labels"/> (classification) or valued <paramref name="values"/> (regression).
    /// </summary>
    public ModelMetrics Measure(int[] labels, float[] values, float[] scores) => IsRegression
        ? ModelMetrics.Of(RegressionMetrics.Compute(values, scores))
        : ModelMetrics.Of(ClassificationMetrics.Compute(labels, scores, Classes));

    /// <summary>
    /// The task's quality figure, which chooses: ROC-AUC (macro for multiclass) of probabilities, or
    /// R² of a regression's values (ADR 31).
    /// </summary>
    public double Quality(int[] labels, float[] values, float[] scores) => IsRegression
        ? RegressionMetrics.RSquared(values, scores)
        : ClassificationMetrics.AreaUnderRoc(labels, scores, Classes);

    /// <summary>Quality of scores for the validation rows (see <see cref="Quality"/>).</summary>
    public double ValidationQuality(float[] scores) => Quality(ValidationLabels, ValidationValues, scores);

    /// <summary>Quality of scores for the test rows (see <see cref="Quality"/>).</summary>
    public double TestQuality(float[] scores) => Quality(TestLabels, TestValues, scores);

    /// <summary>Row-major [rows, Width] features of <paramref name="rows"/>.</summary>
    public float[] Features(IReadOnlyList<int> rows) => Pipeline.Transform(Data, rows);
}
