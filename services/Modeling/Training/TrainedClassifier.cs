using Platform.Tabular.Drift;
using Platform.Tabular.Evaluation;
using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Training;

/// <summary>
/// The exported model and what is known about it: test metrics, ONNX parity, split sizes, epochs run
/// (trees grown, for boosted trees), drift reference, importance. A regression's classes are empty.
/// </summary>
public sealed record TrainedClassifier(
    byte[] OnnxModel,
    ModelMetrics TestMetrics,
    double ParityMaxAbsDelta,
    int TrainRows,
    int ValidationRows,
    int TestRows,
    int Epochs,
    IReadOnlyList<string> Classes)
{
    /// <summary>The train rows' distribution of every input, the baseline for drift in serving.</summary>
    public required ReferenceStatistics Reference { get; init; }

    /// <summary>Test ROC-AUC (R² for regression) lost when each input is shuffled (permutation importance).</summary>
    public required IReadOnlyDictionary<string, double> FeatureImportance { get; init; }

    /// <summary>The model family (<see cref="Onnx.ModelFamilies"/>), also in the file's metadata.</summary>
    public string Family { get; init; } = Onnx.ModelFamilies.Mlp;

    /// <summary>The pretrained model it was fine-tuned from (<see cref="Onnx.ModelMetadata.BaseModel"/>), if any.</summary>
    public string? BaseModel =>
        Onnx.Proto.ModelProto.Parser.ParseFrom(OnnxModel).MetadataProps.FirstOrDefault(p => p.Key == Onnx.ModelMetadata.BaseModel)?.Value;
}
