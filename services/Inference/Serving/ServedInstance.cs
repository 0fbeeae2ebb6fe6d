using System.Buffers;
using System.Text;
using System.Text.Json;

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
}
