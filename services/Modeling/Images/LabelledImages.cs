using Platform.Tabular.Images;

namespace Platform.Modeling.Images;

/// <summary>Images of one shape with their class indices; <see cref="Pixels"/> is [images, channels, height, width], 0–255.</summary>
public sealed record LabelledImages(ImageShape Shape, byte[] Pixels, int[] Labels)
{
    public int Count => Labels.Length;

    public static LabelledImages From(GrayImages images, byte[] labels)
    {
        if (labels.Length != images.Count)
            throw new InvalidDataException($"{images.Count} images but {labels.Length} labels: each image needs its label.");
        return new(new ImageShape(1, images.Rows, images.Columns), images.Pixels, Array.ConvertAll(labels, l => (int)l));
    }

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Shape.Values, Shape.Values);

    /// <summary>The images at <paramref name="indices"/> as the float pixels (0–255) an image file takes, [indices, channels, height, width].</summary>
    public float[] Floats(IReadOnlyList<int> indices)
    {
        var pixels = new float[indices.Count * Shape.Values];
        for (var b = 0; b < indices.Count; b++)
        {
            var image = Image(indices[b]);
            for (var v = 0; v < image.Length; v++) pixels[b * Shape.Values + v] = image[v];
        }
        return pixels;
    }

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public LabelledImages Take(IReadOnlyList<int> indices)
    {
        var pixels = new byte[indices.Count * Shape.Values];
        for (var i = 0; i < indices.Count; i++) Image(indices[i]).CopyTo(pixels.AsSpan(i * Shape.Values));
        return new(Shape, pixels, [.. indices.Select(i => Labels[i])]);
    }
}
