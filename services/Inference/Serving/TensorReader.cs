using System.Text.Json;
using Platform.Contracts.Api.Inference;
using Platform.Tabular.Images;

namespace Platform.Inference.Serving;

/// <summary>
/// Turns an Open Inference Protocol v2 request's input tensors into the model's input columns. Each
/// model input is one tensor of shape <c>[N]</c> or <c>[N, 1]</c>: numeric inputs in any numeric
/// datatype (<c>FP32</c>, <c>FP64</c>, <c>INT64</c>, …), categorical ones as <c>BYTES</c> (strings;
/// numbers are taken as their text, as the JSON endpoint does). <c>data</c> may be flat or nested as
/// the shape; a JSON <c>null</c> element is a missing value, which the graph imputes (an extension:
/// JSON has no NaN). Every model input must be present and all must agree on N. An image input
/// (ADR 35) is either its pixels, a numeric tensor of the model's shape <c>[N, C, H, W]</c> (0–255),
/// or its files, a <c>BYTES</c> tensor <c>[N]</c> of base64 PNG or JPEG, read as the JSON endpoint reads them.
/// </summary>
public static class TensorReader
{
    public const string InputsField = "inputs";

    private static readonly HashSet<string> NumericTypes =
        ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BF16"];

    public static InstanceError? TryRead(IReadOnlyList<InferenceRequestInput>? inputs, ModelSignature signature, InstanceLimits limits, out FeatureBatch? batch)
    {
        batch = null;
        if (inputs is null || inputs.Count == 0) return new InstanceError(InputsField, "must name at least one input tensor");
        var byName = new Dictionary<string, InferenceRequestInput>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (string.IsNullOrEmpty(input.Name)) return new InstanceError(InputsField, "every input needs a name");
            if (!signature.Inputs.Any(i => i.Name == input.Name))
                return new InstanceError(input.Name, $"is not an input of this model; its inputs are {string.Join(", ", signature.Inputs.Select(i => i.Name))}");
            if (!byName.TryAdd(input.Name, input)) return new InstanceError(input.Name, "is given more than once");
        }

        int? count = null;
        var columns = new List<FeatureColumn>(signature.Inputs.Count);
        foreach (var expected in signature.Inputs)
        {
            if (!byName.TryGetValue(expected.Name, out var input))
                return new InstanceError(expected.Name, $"is missing: the model takes {signature.Inputs.Count} inputs, each of shape [N, 1]");
            if (expected.Kind == FeatureKind.Image)
            {
                if (ImageTensor(input, expected.Shape!, count, limits, out var images) is { } imageError) return imageError;
                count ??= images!.Values.Length / expected.Shape!.Values;
                columns.Add(images!);
                continue;
            }
            if (ShapeError(input, count, limits) is { } shapeError) return shapeError;
            count ??= (int)input.Shape[0];

            var values = new List<JsonElement>(count.Value);
            if (Flatten(input.Data, values, depth: 0) is { } dataError) return new InstanceError(input.Name, dataError);
            if (values.Count != count) return new InstanceError(input.Name, $"has {values.Count:N0} elements in data, its shape says {count:N0}");

            var datatype = input.Datatype?.ToUpperInvariant() ?? "";
            var error = expected.Kind == FeatureKind.Numeric
                ? ReadNumbers(input.Name, datatype, values, out var column)
                : ReadCategories(input.Name, datatype, values, out column);
            if (error is not null) return error;
            columns.Add(column!);
        }

        batch = new FeatureBatch(count!.Value, columns);
        return null;
    }

    private static InstanceError? ShapeError(InferenceRequestInput input, int? count, InstanceLimits limits)
    {
        var shape = input.Shape ?? [];
        if (shape.Count is not (1 or 2) || (shape.Count == 2 && shape[1] != 1))
            return new InstanceError(input.Name, $"has shape [{string.Join(", ", shape)}]; each input is one column, [N] or [N, 1]");
        if (shape[0] < 1) return new InstanceError(input.Name, "must contain at least one instance");
        if (shape[0] > limits.MaxInstances)
            return new InstanceError(input.Name, $"may contain at most {limits.MaxInstances:N0} instances, had {shape[0]:N0}", Limit: limits.Instances);
        if (count is { } n && shape[0] != n)
            return new InstanceError(input.Name, $"has {shape[0]:N0} instances, the inputs before it {n:N0}");
        return null;
    }

    /// <summary>An image input's tensor: pixels of the model's shape, or encoded files as BYTES.</summary>
    private static InstanceError? ImageTensor(InferenceRequestInput input, ImageShape image, int? count, InstanceLimits limits, out ImageColumn? column)
    {
        column = null;
        var shape = input.Shape ?? [];
        var datatype = input.Datatype?.ToUpperInvariant() ?? "";
        var files = datatype == "BYTES";
        var expected = files ? "[N] of base64 PNG or JPEG files" : $"[N, {image.Channels}, {image.Height}, {image.Width}]";
        var fits = files
            ? shape.Count is 1 || (shape.Count == 2 && shape[1] == 1)
            : shape.Count == 4 && shape[1] == image.Channels && shape[2] == image.Height && shape[3] == image.Width;
        if (!fits) return new InstanceError(input.Name, $"has shape [{string.Join(", ", shape)}]; this image input takes {expected}");
        if (!files && !NumericTypes.Contains(datatype))
            return new InstanceError(input.Name, $"is an image input: its datatype must be numeric (FP32, UINT8, …) for pixels or BYTES for files, not '{datatype}'");
        if (shape[0] < 1) return new InstanceError(input.Name, "must contain at least one instance");
        if (shape[0] > limits.MaxInstances)
            return new InstanceError(input.Name, $"may contain at most {limits.MaxInstances:N0} instances, had {shape[0]:N0}", Limit: limits.Instances);
        if (count is { } n && shape[0] != n) return new InstanceError(input.Name, $"has {shape[0]:N0} instances, the inputs before it {n:N0}");

        var instances = (int)shape[0];
        var values = new List<JsonElement>();
        if (Flatten(input.Data, values, depth: 0, maxDepth: files ? 1 : 3) is { } dataError) return new InstanceError(input.Name, dataError);
        var elements = files ? instances : instances * image.Values;
        if (values.Count != elements) return new InstanceError(input.Name, $"has {values.Count:N0} elements in data, its shape says {elements:N0}");

        var images = ImageColumn.Empty(input.Name, image, instances);
        if (files)
        {
            for (var i = 0; i < instances; i++)
                if (ImageInstance.Read(values[i], images, i, limits.MaxImagePixels) is { } error)
                    return new InstanceError(input.Name, $"element {i} {error}", i, error.StartsWith(ImageInstance.TooLargePrefix, StringComparison.Ordinal) ? limits.ImagePixels : null);
        }
        else
        {
            var pixels = new byte[image.Values];
            for (var i = 0; i < instances; i++)
            {
                for (var v = 0; v < image.Values; v++)
                {
                    var element = values[i * image.Values + v];
                    if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var d) || d is < 0 or > 255)
                        return new InstanceError(input.Name, $"element {i * image.Values + v} must be a pixel value from 0 to 255, not {element.GetRawText()}", i);
                    images.Values[i * image.Values + v] = (float)d;
                    pixels[v] = (byte)Math.Round(d);
                }
                ImageInstance.Describe(images, i, pixels, image.Width, image.Height);
            }
        }
        column = images;
        return null;
    }

    // Row-major, flat or nested: [1, 2] and [[1], [2]] are the same [2, 1] tensor (an image's pixels nest up to [N][C][H][W]).
    private static string? Flatten(JsonElement data, List<JsonElement> values, int depth, int maxDepth = 1)
    {
        if (data.ValueKind != JsonValueKind.Array) return "data must be an array";
        foreach (var element in data.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                if (depth >= maxDepth) return "data is nested deeper than the shape";
                if (Flatten(element, values, depth + 1, maxDepth) is { } error) return error;
            }
            else values.Add(element);
        }
        return null;
    }

    private static InstanceError? ReadNumbers(string name, string datatype, List<JsonElement> values, out FeatureColumn? column)
    {
        column = null;
        if (!NumericTypes.Contains(datatype))
            return new InstanceError(name, $"is a numeric input: its datatype must be numeric (FP32, FP64, INT64, …), not '{datatype}'");
        var numbers = new float[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    numbers[i] = float.NaN;
                    break;
                case JsonValueKind.Number when value.TryGetDouble(out var d) && float.IsFinite((float)d):
                    numbers[i] = (float)d;
                    break;
                case JsonValueKind.True or JsonValueKind.False when datatype == "BOOL":
                    numbers[i] = value.GetBoolean() ? 1 : 0;
                    break;
                default:
                    return new InstanceError(name, $"element {i} must be a finite number or null for {datatype}, not {value.GetRawText()}", i);
            }
        }
        column = new NumericColumn(name, numbers);
        return null;
    }

    private static InstanceError? ReadCategories(string name, string datatype, List<JsonElement> values, out FeatureColumn? column)
    {
        column = null;
        if (datatype != "BYTES" && !NumericTypes.Contains(datatype))
            return new InstanceError(name, $"is a categorical input: its datatype must be BYTES, not '{datatype}'");
        var categories = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            // The JSON endpoint's reading, so a category scores the same whichever protocol sent it.
            if (InstanceReader.ReadCategory(values[i], out categories[i]) is { } error) return new InstanceError(name, $"element {i} {error}", i);
        }
        column = new CategoricalColumn(name, categories);
        return null;
    }
}
