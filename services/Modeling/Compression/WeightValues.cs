using System.Runtime.InteropServices;
using Platform.Modeling.Onnx.Proto;

namespace Platform.Modeling.Compression;

internal static class WeightValues
{
    /// <summary>A float tensor's values, whether written as raw bytes (as this project writes them) or as float_data.</summary>
    public static float[] Floats(TensorProto tensor) =>
        tensor.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
            : tensor.FloatData.ToArray();
}
