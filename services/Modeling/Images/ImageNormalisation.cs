namespace Platform.Modeling.Images;

/// <summary>
/// Each channel's mean and standard deviation over the train images, on the 0–1 scale: the network
/// sees (pixel / 255 − mean) / deviation, in training and inside its ONNX file alike.
/// </summary>
public sealed record ImageNormalisation(float[] Mean, float[] Deviation)
{
    public static ImageNormalisation Of(LabelledImages train)
    {
        var (channels, plane) = (train.Shape.Channels, train.Shape.Height * train.Shape.Width);
        var sum = new double[channels];
        var squares = new double[channels];
        for (var i = 0; i < train.Count; i++)
        {
            var image = train.Image(i);
            for (var c = 0; c < channels; c++)
                foreach (var p in image.Slice(c * plane, plane))
                {
                    var v = p / 255.0;
                    sum[c] += v;
                    squares[c] += v * v;
                }
        }
        var n = (double)train.Count * plane;
        var mean = sum.Select(s => s / n).ToArray();
        var deviation = squares.Select((s, c) => Math.Sqrt(Math.Max(s / n - mean[c] * mean[c], 1e-12))).ToArray();
        return new([.. mean.Select(m => (float)m)], [.. deviation.Select(d => (float)d)]);
    }

    /// <summary>What multiplies a 0–255 pixel of channel <paramref name="c"/>, and what is added after.</summary>
    public (float Scale, float Shift) Affine(int c) => (1f / (255f * Deviation[c]), -Mean[c] / Deviation[c]);
}
