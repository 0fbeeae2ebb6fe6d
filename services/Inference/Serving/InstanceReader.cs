using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Platform.Inference.Serving;

/// <summary>
/// Turns the JSON instances of a request into the model's input columns. Numeric inputs take JSON
/// numbers or numeric strings; categorical inputs take strings, and numbers or booleans as their
/// text. Null, an absent column or an empty string is a missing value, which the graph imputes.
/// Columns the model does not use are ignored, so a caller may send whole rows, within
/// <see cref="InstanceLimits"/>: the instances, and each instance's properties and bytes. But an
/// instance with properties of which none is an input is refused: scored, it would be the model's
/// answer for an instance with every input missing, which no caller means (a serializer that
/// camel-cases "Price" to "price" is the usual cause, and the refusal names the input it missed).
/// </summary>
public static class InstanceReader
{
    public const string InstancesField = "instances";
    private const int QuotedValueLimit = 40;

    public static InstanceError? TryRead(JsonElement instances, ModelSignature signature, InstanceLimits limits, out FeatureBatch? batch)
    {
        batch = null;
        if (instances.ValueKind != JsonValueKind.Array)
            return new InstanceError(InstancesField, "must be an array of objects, one per instance");
        var count = instances.GetArrayLength();
        if (count == 0) return new InstanceError(InstancesField, "must contain at least one instance");
        if (count > limits.MaxInstances)
            return new InstanceError(InstancesField, $"may contain at most {limits.MaxInstances:N0} instances, had {count:N0}", Limit: limits.Instances);

        var columns = signature.Inputs
            .Select(input => input.Kind switch
            {
                FeatureKind.Numeric => (FeatureColumn)new NumericColumn(input.Name, new float[count]),
                FeatureKind.Image => ImageColumn.Empty(input.Name, input.Shape!, count),
                _ => new CategoricalColumn(input.Name, new string[count]),
            })
            .ToArray();

        var row = 0;
        foreach (var instance in instances.EnumerateArray())
        {
            if (instance.ValueKind != JsonValueKind.Object)
                return new InstanceError(InstancesField, "must be an object of column values", row);
            if (TooBig(instance, row, limits) is { } tooBig) return tooBig;
            var named = 0;
            foreach (var column in columns)
            {
                var value = instance.TryGetProperty(column.Name, out var found) ? found : default;
                if (value.ValueKind != JsonValueKind.Undefined) named++;
                var error = column switch
                {
                    NumericColumn numeric => ReadNumber(value, out numeric.Values[row]),
                    CategoricalColumn categorical => ReadCategory(value, out categorical.Values[row]),
                    ImageColumn image => ImageInstance.Read(value, image, row, limits.MaxImagePixels),
                    _ => throw new InvalidOperationException($"Unknown column type {column.GetType().Name}."),
                };
                if (error is not null)
                    return new InstanceError(column.Name, error, row, error.StartsWith(ImageInstance.TooLargePrefix, StringComparison.Ordinal) ? limits.ImagePixels : null);
            }
            if (named == 0 && NamesNoInput(instance, signature, row) is { } unnamed) return unnamed;
            row++;
        }

        batch = new FeatureBatch(count, columns);
        return null;
    }

    /// <summary>
    /// Why an instance that matched no input is refused, unless it is empty (every input missing,
    /// said outright): its first property that is an input but for its case, or the inputs it lacks.
    /// Only reached when nothing matched, so a well-formed request pays nothing for it.
    /// </summary>
    private static InstanceError? NamesNoInput(JsonElement instance, ModelSignature signature, int row)
    {
        string? first = null;
        foreach (var property in instance.EnumerateObject())
        {
            first ??= property.Name;
            var input = signature.Inputs.FirstOrDefault(i => string.Equals(i.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (input is not null)
                return new InstanceError(property.Name, $"is not an input: input names are case-sensitive, and the model's is '{input.Name}'", row);
        }
        if (first is null) return null;
        var inputs = string.Join(", ", signature.Inputs.Take(10).Select(i => i.Name)) + (signature.Inputs.Count > 10 ? ", …" : "");
        return new InstanceError(InstancesField, $"names none of the model's inputs ({inputs}); scored, it would be an instance with every input missing", row);
    }

    // Bounds what one instance costs to look up and to keep, whatever the request's size.
    private static InstanceError? TooBig(JsonElement instance, int row, InstanceLimits limits)
    {
        var field = $"{InstancesField}[{row}]";
        var bytes = JsonMarshal.GetRawUtf8Value(instance).Length;
        if (bytes > limits.MaxBytes)
            return new InstanceError(field, $"is {bytes:N0} bytes of JSON; at most {limits.MaxBytes:N0} are accepted", row, limits.Bytes);
        var properties = 0;
        foreach (var _ in instance.EnumerateObject())
        {
            if (++properties > limits.MaxProperties)
                return new InstanceError(field, $"has more than {limits.MaxProperties:N0} properties", row, limits.Properties);
        }
        return null;
    }

    private static string? ReadNumber(JsonElement value, out float number)
    {
        number = float.NaN;
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                return value.TryGetDouble(out var d) && ToFinite(d, out number) ? null : "is out of range for a number";
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                if (text.Length == 0) return null;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    return $"must be a number, '{Quote(text)}' is not one";
                if (double.IsNaN(parsed)) return null; // "NaN" is how some exports spell missing
                return ToFinite(parsed, out number) ? null : "is out of range for a number";
            default:
                return $"must be a number, a numeric string or null, not {Describe(value.ValueKind)}";
        }
    }

    /// <summary>A category from a JSON value (shared with <see cref="TensorReader"/>'s BYTES elements); null or absent is missing.</summary>
    internal static string? ReadCategory(JsonElement value, out string category)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                category = "";
                return null;
            case JsonValueKind.String:
                category = value.GetString()!;
                return null;
            case JsonValueKind.Number:
                category = value.GetRawText(); // the number as the caller wrote it, e.g. 3 stays "3"
                return null;
            case JsonValueKind.True or JsonValueKind.False:
                category = value.GetBoolean() ? "true" : "false";
                return null;
            default:
                category = "";
                return $"must be a string, a number, a boolean or null, not {Describe(value.ValueKind)}";
        }
    }

    // The graph computes in float32: a double beyond its range would become infinity silently.
    private static bool ToFinite(double value, out float number)
    {
        number = (float)value;
        return float.IsFinite(number);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Quote(string text) => text.Length <= QuotedValueLimit ? text : text[..QuotedValueLimit] + "…";
}
