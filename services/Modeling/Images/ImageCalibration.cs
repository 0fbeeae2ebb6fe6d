using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Compression;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Tabular.Images;

namespace Platform.Modeling.Images;

/// <summary>
/// The ranges an image CNN's inner tensors take on train images, for static int8 quantization of its
/// convolutions (<see cref="Int8Quantizer"/>): the file is run once over the images with the asked
/// tensors added to its outputs. Train images, never test ones: the variant is measured on those.
/// </summary>
public static class ImageCalibration
{
    /// <summary>
    /// Images the ranges are observed on, spread over the train images. ONNX Runtime's calibration
    /// examples use a few hundred; the smallest and largest value of a ReLU's output settle well before.
    /// </summary>
    public const int Images = 512;

    public static ActivationRanges Of(byte[] model, LabelledImages train) => tensors =>
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        foreach (var name in tensors)
        {
            proto.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }
        using var options = OnnxClassifier.CreateSessionOptions();
        using var session = new InferenceSession(proto.ToByteArray(), options);
        var ranges = tensors.ToDictionary(t => t, _ => new ActivationRange(float.MaxValue, float.MinValue));
        var shape = train.Shape;
        var step = Math.Max(1, train.Count / Images);
        var chosen = Enumerable.Range(0, Math.Min(Images, train.Count)).Select(i => i * step).ToArray();
        foreach (var batch in chosen.Chunk(64))
        {
            var tensor = new DenseTensor<float>(train.Floats(batch), [batch.Length, shape.Channels, shape.Height, shape.Width]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(ImageProfiler.ImageColumn, tensor)], tensors);
            foreach (var result in results)
            {
                var (low, high) = (ranges[result.Name].Min, ranges[result.Name].Max);
                foreach (var value in result.AsEnumerable<float>()) (low, high) = (Math.Min(low, value), Math.Max(high, value));
                ranges[result.Name] = new ActivationRange(low, high);
            }
        }
        return ranges;
    };
}
