using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Training;

/// <summary>The exported model and what is known about it: test metrics, ONNX parity, split sizes, epochs run.</summary>
public sealed record TrainedClassifier(
    byte[] OnnxModel,
    ClassificationMetrics TestMetrics,
    double ParityMaxAbsDelta,
    int TrainRows,
    int ValidationRows,
    int TestRows,
    int Epochs,
    IReadOnlyList<string> Classes);
