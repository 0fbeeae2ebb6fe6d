using Platform.Modeling.Data;
using Platform.Modeling.Onnx;
using Platform.Modeling.Preprocessing;
using Platform.Tabular;

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
        (int[], bool[]) train, (int[], bool[]) validation, (int[], bool[]) test)
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
    public int[] TrainRows { get; }
    public bool[] TrainLabels { get; }
    public int[] ValidationRows { get; }
    public bool[] ValidationLabels { get; }
    public int[] TestRows { get; }
    public bool[] TestLabels { get; }

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

    /// <summary>Row-major [rows, Width] features of <paramref name="rows"/>.</summary>
    public float[] Features(IReadOnlyList<int> rows) => Pipeline.Transform(Data, rows);
}
