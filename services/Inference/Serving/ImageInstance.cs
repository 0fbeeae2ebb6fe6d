using System.Buffers;
using System.Text.Json;
using Platform.Tabular.Images;

namespace Platform.Inference.Serving;

/// <summary>
/// One image instance (ADR 34): a JSON string of base64 PNG or JPEG bytes, or a data URL of one,
/// decoded and brought to the model's shape exactly as training brought its images (<see
/// cref="ImageDecoder"/>: over white, resized, in grayscale or RGB), with its drift statistics.
/// An image is never missing: a model cannot be asked about no picture.
/// </summary>
public static class ImageInstance
{
    internal const string TooLargePrefix = "is an image of ";

    /// <summary>Row <paramref name="row"/>'s drift statistics: of the pixels scored, and the size the image came in.</summary>
    public static void Describe(ImageColumn column, int row, ReadOnlySpan<byte> pixels, int width, int height)
    {
        var (brightness, contrast) = ImageStatistics.Of(pixels);
        column.Statistics[ImageStatistics.Brightness][row] = (float)brightness;
        column.Statistics[ImageStatistics.Contrast][row] = (float)contrast;
        column.Statistics[ImageStatistics.Width][row] = width;
        column.Statistics[ImageStatistics.Height][row] = height;
    }

    /// <summary>Reads the value into row <paramref name="row"/> of <paramref name="column"/>; the reason it cannot, or null.</summary>
    public static string? Read(JsonElement value, ImageColumn column, int row, long maxPixels)
    {
        if (value.ValueKind != JsonValueKind.String)
            return $"must be an image: a string of base64 PNG or JPEG bytes, not {(value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? "missing" : value.ValueKind.ToString().ToLowerInvariant())}";
        var text = value.GetString()!;
        // A data URL ("data:image/png;base64,…") as a browser's FileReader gives it.
        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && text.IndexOf(',') is var comma and > 0) text = text[(comma + 1)..];
        var buffer = ArrayPool<byte>.Shared.Rent(text.Length * 3 / 4 + 3);
        try
        {
            if (!Convert.TryFromBase64String(text, buffer, out var length))
                return "must be base64 (the PNG or JPEG file's bytes, encoded), and is not";
            using var image = ImageDecoder.Decode(buffer.AsSpan(0, length), maxPixels);
            var shape = column.Shape;
            var pixels = ArrayPool<byte>.Shared.Rent(shape.Values);
            try
            {
                ImageDecoder.ToPixels(image, shape, pixels.AsSpan(0, shape.Values));
                var target = column.Values.AsSpan(row * shape.Values, shape.Values);
                for (var i = 0; i < target.Length; i++) target[i] = pixels[i];
                Describe(column, row, pixels.AsSpan(0, shape.Values), image.Width, image.Height);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(pixels);
            }
            return null;
        }
        catch (ImageTooLargeException ex)
        {
            return TooLargePrefix + ex.Message["is ".Length..];
        }
        catch (InvalidDataException ex)
        {
            return $"must be a PNG or JPEG image: it {ex.Message}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
