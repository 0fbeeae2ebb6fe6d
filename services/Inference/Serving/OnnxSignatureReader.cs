using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Platform.Inference.Serving;

/// <summary>
/// Reads a model's interface from the session (ADR 0003): inputs from the graph, classes from the
/// metadata. A model that does not follow the interface is refused when it loads, not on a request.
/// </summary>
public static class OnnxSignatureReader
{
    public const string LabelOutput = "label";
    public const string ProbabilitiesOutput = "probabilities";

    public static ModelSignature Read(InferenceSession session)
    {
        var inputs = session.InputMetadata
            .Select(input => new ModelInput(input.Key, KindOf(input.Key, input.Value)))
            .ToArray();
        if (inputs.Length == 0) throw new InvalidModelException("the graph has no inputs");
        foreach (var output in new[] { LabelOutput, ProbabilitiesOutput })
            if (!session.OutputMetadata.ContainsKey(output)) throw new InvalidModelException($"the graph has no '{output}' output");

        var metadata = session.ModelMetadata.CustomMetadataMap;
        var classes = metadata.TryGetValue("classes", out var json) ? ParseClasses(json) : null;
        if (classes is not { Length: >= 2 }) throw new InvalidModelException("the metadata lacks 'classes', a JSON array of at least two class names");
        return new ModelSignature(inputs, classes, metadata.GetValueOrDefault("positive_class"), metadata.GetValueOrDefault("target"),
            metadata.GetValueOrDefault("family") ?? "mlp");
    }

    private static FeatureKind KindOf(string name, NodeMetadata input) => input.IsTensor ? input.ElementDataType switch
    {
        TensorElementType.Float => FeatureKind.Numeric,
        TensorElementType.String => FeatureKind.Categorical,
        var other => throw new InvalidModelException($"input '{name}' is a {other} tensor; only float and string inputs are served"),
    } : throw new InvalidModelException($"input '{name}' is not a tensor");

    private static string[]? ParseClasses(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed class InvalidModelException(string reason) : Exception($"The model cannot be served: {reason}.");
