using Microsoft.ML.OnnxRuntime;

namespace Platform.Modeling.Onnx;

/// <summary>
/// A batch of rows already turned into ONNX Runtime tensors, in a classifier's input order: timing
/// a run of it measures the model, not the parsing of cells that every model of a file's interface
/// would pay alike.
/// </summary>
public sealed class PreparedBatch(string[] names, OrtValue[] values) : IDisposable
{
    internal string[] Names { get; } = names;
    internal OrtValue[] Values { get; } = values;

    public void Dispose()
    {
        foreach (var value in Values) value.Dispose();
    }
}
