using Platform.Modeling.Data;
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
        (int[], int[]) train, (int[], int[]) validation, (int[], int[]) test)
    {
        Request = request;
        Table = table;
        Pipeline = pipeline;
        (TrainRows, TrainLabels) = train;
        (ValidationRows, ValidationLabels) = validation;
        (TestRows, TestLabels) = test;
    }

    public TrainingRequest Request { get; }
    public ColumnarTable Data => Request.Data;
    public int Seed => Request.Seed;
    public MemoryBudget Budget => Request.Budget;
    public LabelledTable Table { get; }
    public FeaturePipeline Pipeline { get; }
    /// <summary>How many classes the model scores: the width of its probabilities.</summary>
    public int Classes => Table.Classes.Count;

    public int[] TrainRows { get; }
    public int[] TrainLabels { get; }
    public int[] ValidationRows { get; }
    public int[] ValidationLabels { get; }
    public int[] TestRows { get; }
    public int[] TestLabels { get; }

    public static TrainingSplit Prepare(TrainingRequest request)
    {
        var table = LabelledTable.From(request.Data, request.TargetColumn, request.PositiveClass, request.FeatureColumns, request.Seed, request.Budget);
        if (table.FeatureNames.FirstOrDefault(ReservedNames.Contains) is { } reserved)
            throw new InvalidTrainingDataException($"A feature column cannot be named '{reserved}': the model's outputs use that name.");

        var train = table.Partition(SplitPartition.Train);
        var validation = table.Partition(SplitPartition.Validation);
        var test = table.Partition(SplitPartition.Test);
        var pipeline = FeaturePipeline.Fit(request.Data, table.FeatureIndices, train.Rows);
        return new TrainingSplit(request, table, pipeline, train, validation, test);
    }

    /// <summary>Quality of row-major [rows, <see cref="Classes"/>] probabilities for rows labelled <paramref name="labels"/>.</summary>
    public ClassificationMetrics Measure(int[] labels, float[] probabilities) => ClassificationMetrics.Compute(labels, probabilities, Classes);

    /// <summary>ROC-AUC (macro for multiclass) of probabilities for rows labelled <paramref name="labels"/>.</summary>
    public double RocAuc(int[] labels, float[] probabilities) => ClassificationMetrics.AreaUnderRoc(labels, probabilities, Classes);

    /// <summary>Row-major [rows, Width] features of <paramref name="rows"/>.</summary>
    public float[] Features(IReadOnlyList<int> rows) => Pipeline.Transform(Data, rows);
}
