using System.Runtime.InteropServices;
using SkiaSharp;

namespace Platform.Tabular.Images;

/// <summary>
/// PNG and JPEG bytes to pixels, through Skia: the header is read first, so an image claiming more
/// than <see cref="ImageLimits.MaxSourcePixels"/> is refused before its canvas is allocated; then it
/// is decoded, laid over white (a transparent background is a product photo's white, not black) and
/// resized to the wanted shape with mipmapped linear filtering, in grayscale (ITU-R BT.601 luma) or RGB.
/// </summary>
public static class ImageDecoder
{
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>The image's size and whether every pixel is gray (red = green = blue), or why it cannot be read.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> encoded, long maxSourcePixels)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = Codec(data, maxSourcePixels);
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        try
        {
            var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
            // A truncated file decodes in part (IncompleteInput): refused, not trained on half an image.
            if (result != SKCodecResult.Success)
                throw new InvalidDataException($"cannot be decoded ({DescribeResult(result)})");
            return new DecodedImage(bitmap, IsGray(bitmap));
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>The image's size from its header alone, refused as <see cref="Decode"/> refuses it before decoding: no pixel is decoded.</summary>
    public static (int Width, int Height) Probe(ReadOnlySpan<byte> encoded, long maxSourcePixels)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = Codec(data, maxSourcePixels);
        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>A codec of a PNG or JPEG whose header claims a size that may be decoded.</summary>
    private static SKCodec Codec(SKData data, long maxSourcePixels)
    {
        var codec = SKCodec.Create(data) ?? throw new InvalidDataException("is not an image Skia can read (PNG or JPEG)");
        try
        {
            if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
                throw new InvalidDataException($"is a {codec.EncodedFormat} image; PNG and JPEG are read");
            var (width, height) = (codec.Info.Width, codec.Info.Height);
            if (width <= 0 || height <= 0) throw new InvalidDataException($"has no pixels ({width}×{height})");
            if ((long)width * height > maxSourcePixels) throw new ImageTooLargeException(width, height, maxSourcePixels);
            return codec;
        }
        catch
        {
            codec.Dispose();
            throw;
        }
    }

    /// <summary>An image already in pixels ([channels, height, width], 0–255), as a bitmap to resize or encode.</summary>
    public static DecodedImage FromPixels(ReadOnlySpan<byte> pixels, ImageShape shape)
    {
        var bitmap = new SKBitmap(new SKImageInfo(shape.Width, shape.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var plane = shape.Height * shape.Width;
        var row = new byte[shape.Width * 4];
        for (var y = 0; y < shape.Height; y++)
        {
            for (var x = 0; x < shape.Width; x++)
            {
                var p = y * shape.Width + x;
                row[x * 4] = pixels[p];
                row[x * 4 + 1] = shape.Channels == 1 ? pixels[p] : pixels[plane + p];
                row[x * 4 + 2] = shape.Channels == 1 ? pixels[p] : pixels[2 * plane + p];
                row[x * 4 + 3] = 255;
            }
            Marshal.Copy(row, 0, bitmap.GetPixels() + y * bitmap.RowBytes, row.Length);
        }
        return new DecodedImage(bitmap, shape.Channels == 1);
    }

    /// <summary>The image at <paramref name="shape"/>, written into <paramref name="destination"/> as [channels, height, width].</summary>
    public static void ToPixels(DecodedImage image, ImageShape shape, Span<byte> destination)
    {
        if (destination.Length != shape.Values) throw new ArgumentException($"{shape} needs {shape.Values} bytes, not {destination.Length}.");
        var source = image.Bitmap;
        using var resized = source.Width == shape.Width && source.Height == shape.Height
            ? null
            : source.Resize(new SKImageInfo(shape.Width, shape.Height, SKColorType.Rgba8888, SKAlphaType.Premul), Sampling)
                ?? throw new InvalidDataException($"cannot be resized to {shape.Width}×{shape.Height}");
        var bitmap = resized ?? source;
        var rgba = bitmap.GetPixelSpan();
        var plane = shape.Height * shape.Width;
        for (var y = 0; y < shape.Height; y++)
            for (var x = 0; x < shape.Width; x++)
            {
                var o = y * bitmap.RowBytes + x * 4;
                // Premultiplied colour over white: c + (255 − alpha).
                var white = 255 - rgba[o + 3];
                int r = rgba[o] + white, g = rgba[o + 1] + white, b = rgba[o + 2] + white;
                var p = y * shape.Width + x;
                if (shape.Channels == 1)
                {
                    destination[p] = (byte)((299 * r + 587 * g + 114 * b + 500) / 1000);
                }
                else
                {
                    destination[p] = (byte)r;
                    destination[plane + p] = (byte)g;
                    destination[2 * plane + p] = (byte)b;
                }
            }
    }

    /// <summary>The image as a PNG file (thumbnails, and callers that send images).</summary>
    public static byte[] EncodePng(DecodedImage image)
    {
        using var encoded = image.Bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("Skia could not encode the image as PNG.");
        return encoded.ToArray();
    }

    /// <summary>Pixels ([channels, height, width]) as a PNG file: a grayscale PNG for one channel (a third of an RGBA one's bytes).</summary>
    public static byte[] EncodePng(ReadOnlySpan<byte> pixels, ImageShape shape)
    {
        if (shape.Channels != 1)
        {
            using var image = FromPixels(pixels, shape);
            return EncodePng(image);
        }
        using var gray = new SKBitmap(new SKImageInfo(shape.Width, shape.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        for (var y = 0; y < shape.Height; y++)
            Marshal.Copy(pixels.Slice(y * shape.Width, shape.Width).ToArray(), 0, gray.GetPixels() + y * gray.RowBytes, shape.Width);
        using var encoded = gray.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("Skia could not encode the image as PNG.");
        return encoded.ToArray();
    }

    private static bool IsGray(SKBitmap bitmap)
    {
        var rgba = bitmap.GetPixelSpan();
        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = rgba.Slice(y * bitmap.RowBytes, bitmap.Width * 4);
            for (var o = 0; o < row.Length; o += 4)
                if (row[o] != row[o + 1] || row[o] != row[o + 2]) return false;
        }
        return true;
    }

    private static string DescribeResult(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput => "the file is truncated or damaged",
        SKCodecResult.InvalidInput => "the file is not valid",
        _ => result.ToString(),
    };
}

/// <summary>A decoded image (premultiplied RGBA); <see cref="Gray"/> when every pixel has red = green = blue.</summary>
public sealed class DecodedImage(SKBitmap bitmap, bool gray) : IDisposable
{
    internal SKBitmap Bitmap { get; } = bitmap;
    public int Width => Bitmap.Width;
    public int Height => Bitmap.Height;
    public bool Gray { get; } = gray;

    public void Dispose() => Bitmap.Dispose();
}

/// <summary>An image whose header claims more pixels than may be decoded.</summary>
public sealed class ImageTooLargeException(int width, int height, long maximum)
    : Exception($"is {width}×{height} = {(long)width * height:N0} pixels; at most {maximum:N0} are decoded")
{
    public long Maximum { get; } = maximum;
}
