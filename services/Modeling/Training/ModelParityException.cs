namespace Platform.Modeling.Training;

/// <summary>The exported ONNX model disagrees with the trained network: the file must not be used.</summary>
public sealed class ModelParityException(double maxAbsDelta, double tolerance)
    : Exception($"The ONNX export disagrees with the trained network: max |Δp| = {maxAbsDelta:E2} on the test rows (tolerance {tolerance:E0}).")
{
    public double MaxAbsDelta { get; } = maxAbsDelta;
}
