using System.Buffers;
using System.Text;
using System.Text.Json;
using Platform.Tabular.Images;

namespace Platform.Inference.Serving;

/// <summary>
/// An instance as it is kept for feedback and retraining: the model's inputs only, each value as the
/// caller sent it, in the signature's order. Whatever else a caller sends (whole rows, identifiers,
/// notes) is scored by no model and must not be stored in the platform's name.
/// </summary>
public static class ServedInstance
{
    /// <summary>The kept JSON object; call it on an instance <see cref="InstanceReader"/> accepted, whose inputs are all scalars.</summary>
    public static string Keep(JsonElement instance, ModelSignature signature)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var input in signature.Inputs)
            {
                // The lookup InstanceReader made, so the kept value is the one the model scored.
                if (!instance.TryGetProperty(input.Name, out var value)) continue;
                writer.WritePropertyName(input.Name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The kept JSON object of an instance that came as tensors (the Open Inference Protocol): the
    /// values the model scored, a missing one as null.
    /// </summary>
    public static string Keep(FeatureBatch batch, int row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var column in batch.Columns)
            {
                switch (column)
                {
                    case NumericColumn { Values: var numbers } when float.IsNaN(numbers[row]):
                        writer.WriteNull(column.Name);
                        break;
                    case NumericColumn { Values: var numbers }:
                        writer.WriteNumber(column.Name, numbers[row]);
                        break;
                    case CategoricalColumn { Values: var categories } when categories[row].Length == 0:
                        writer.WriteNull(column.Name);
                        break;
                    case CategoricalColumn { Values: var categories }:
                        writer.WriteString(column.Name, categories[row]);
                        break;
                    case ImageColumn image:
                        // The pixels scored, as a PNG (base64) like the JSON endpoint's instances: kept rows read the same either way.
                        var pixels = image.Values.AsSpan(row * image.Shape.Values, image.Shape.Values);
                        var bytes = new byte[pixels.Length];
                        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp(MathF.Round(pixels[i]), 0, 255);
                        writer.WriteString(column.Name, Convert.ToBase64String(ImageDecoder.EncodePng(bytes, image.Shape)));
                        break;
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
