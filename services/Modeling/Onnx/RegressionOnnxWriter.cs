using Google.Protobuf;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Preprocessing;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Onnx;

/// <summary>
/// Writes a regression model as one file with the same raw inputs and preprocessing as a classifier
/// (ADR 3) and one output, <c>value</c> [N,1], the prediction in the target's units; the metadata
/// says <c>task = regression</c> and names no classes (ADR 31). A network's last Gemm writes
/// <c>value</c> itself: the target's standardisation is folded into that layer's weights.
/// </summary>
public static class RegressionOnnxWriter
{
    public const string GraphName = "tabular_regression";

    public static byte[] Write(FeaturePipeline pipeline, IReadOnlyList<DenseLayer> layers, string target)
    {
        var (graph, features) = ClassifierOnnxWriter.Begin(pipeline, GraphName);
        var hidden = features;
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var weight = graph.Floats($"layer{l}.weight", layer.Weight, layer.Outputs, layer.Inputs);
            var bias = graph.Floats($"layer{l}.bias", layer.Bias, layer.Outputs);
            var last = l == layers.Count - 1;
            hidden = graph.Node("Gemm", [hidden, weight, bias], last ? ModelMetadata.ValueOutput : $"layer{l}", Attribute("transB", 1));
            if (!last) hidden = graph.Node("Relu", [hidden], $"layer{l}.relu");
        }
        return Finish(graph, pipeline, target, layers.Count == 1 ? ModelFamilies.LinearRegression : ModelFamilies.Mlp);
    }

    /// <summary>The <c>value</c> output (which the family's last node wrote) and the metadata.</summary>
    internal static byte[] Finish(OnnxGraphBuilder graph, FeaturePipeline pipeline, string target, string family)
    {
        graph.Output(ModelMetadata.ValueOutput, DataType.Float, "N", 1);
        var model = ClassifierOnnxWriter.NewModel(graph.Graph);
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadata.Task, Value = ModelMetadata.RegressionTask });
        ClassifierOnnxWriter.AddCommonMetadata(model, pipeline, target, family);
        return model.ToByteArray();
    }
}
