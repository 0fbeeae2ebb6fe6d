namespace Platform.Tabular.Images;

/// <summary>What an image network takes: channels (1 for grayscale, 3 for RGB), height and width in pixels.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int Values => Channels * Height * Width;

    public override string ToString() => $"{Width}×{Height}×{Channels}";
}
