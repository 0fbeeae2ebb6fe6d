using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Contracts.Solutions;
using Platform.Tabular.Images;

namespace Platform.Inference.Serving;

/// <summary>
/// Reads a model's interface from the session (ADR 0003): inputs from the graph, classes from the
/// metadata. A model that does not follow the interface is refused when it loads, not on a request.
/// A file whose <c>task</c> metadata is <c>regression</c> returns one <c>value</c> output instead of
/// a label and probabilities, and names no classes (ADR 31); a file without <c>task</c> is a classifier.
/// </summary>
public static class OnnxSignatureReader
{
    public const string LabelOutput = "label";
    public const string ProbabilitiesOutput = "probabilities";
    public const string ValueOutput = "value";
    public const string TaskMetadata = "task";

    public static ModelSignature Read(InferenceSession session)
    {
        var inputs = session.InputMetadata
            .Select(input => InputOf(input.Key, input.Value))
            .ToArray();
        if (inputs.Length == 0) throw new InvalidModelException("the graph has no inputs");

        var metadata = session.ModelMetadata.CustomMetadataMap;
        var task = metadata.GetValueOrDefault(TaskMetadata);
        var target = metadata.GetValueOrDefault("target");
        var family = metadata.GetValueOrDefault("family") ?? "mlp";
        if (task == SolutionTemplates.Regression)
        {
            if (!session.OutputMetadata.TryGetValue(ValueOutput, out var value))
                throw new InvalidModelException($"the metadata says task '{task}' but the graph has no '{ValueOutput}' output");
            if (!value.IsTensor || value.ElementDataType != TensorElementType.Float)
                throw new InvalidModelException($"the '{ValueOutput}' output is not a float tensor");
            return new ModelSignature(inputs, [], PositiveClass: null, target, family, IsRegression: true) { TextInputs = TextInputsOf(metadata) };
        }
        if (task is not null && task != SolutionTemplates.BinaryClassification && task != SolutionTemplates.MulticlassClassification)
            throw new InvalidModelException($"the metadata's task '{task}' is not one served (one of {string.Join(", ", SolutionTemplates.Tasks)})");

        foreach (var output in new[] { LabelOutput, ProbabilitiesOutput })
            if (!session.OutputMetadata.ContainsKey(output)) throw new InvalidModelException($"the graph has no '{output}' output");
        var classes = metadata.TryGetValue("classes", out var json) ? ParseClasses(json) : null;
        if (classes is not { Length: >= 2 }) throw new InvalidModelException("the metadata lacks 'classes', a JSON array of at least two class names");
        return new ModelSignature(inputs, classes, metadata.GetValueOrDefault("positive_class"), target, family) { TextInputs = TextInputsOf(metadata) };
    }

    /// <summary>The inputs the metadata's <c>features</c> call "text"; none in a file without them.</summary>
    private static string[] TextInputsOf(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("features", out var json)) return [];
        try
        {
            return JsonSerializer.Deserialize<Feature[]>(json, JsonSerializerOptions.Web)?.Where(f => f.Kind == "text").Select(f => f.Name).ToArray() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record Feature(string Name, string Kind);

    /// <summary>A float input of four dimensions is an image batch (ADR 34): [N, channels, height, width], the last three fixed.</summary>
    private static ModelInput InputOf(string name, NodeMetadata input)
    {
        if (input.IsTensor && input.ElementDataType == TensorElementType.Float && input.Dimensions.Length == 4)
        {
            var (channels, height, width) = (input.Dimensions[1], input.Dimensions[2], input.Dimensions[3]);
            if (channels is not (1 or 3) || height <= 0 || width <= 0)
                throw new InvalidModelException($"image input '{name}' is [N, {channels}, {height}, {width}]; 1 or 3 channels and a fixed height and width are served");
            return new ModelInput(name, FeatureKind.Image, new ImageShape(channels, height, width));
        }
        return new ModelInput(name, KindOf(name, input));
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
