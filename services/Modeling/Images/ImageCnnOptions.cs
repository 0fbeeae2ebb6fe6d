namespace Platform.Modeling.Images;

/// <summary>How an <see cref="ImageCnn"/> is trained (issue 17's checked recipe: Adam with a one-cycle schedule, flips, batch 128).</summary>
public sealed record ImageCnnOptions
{
    public int FirstChannels { get; init; } = 32;
    public int SecondChannels { get; init; } = 64;
    public int Hidden { get; init; } = 128;
    public int Epochs { get; init; } = 12;
    public int BatchSize { get; init; } = 128;
    /// <summary>The one-cycle schedule's peak: reached after <see cref="WarmUp"/> of the steps, then annealed to nearly zero.</summary>
    public double LearningRate { get; init; } = 3e-3;
    public double WarmUp { get; init; } = 0.3;
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>Images mirrored left to right at random while training: a shirt is a shirt either way round.</summary>
    public bool HorizontalFlips { get; init; } = true;
    /// <summary>Epochs without a better validation accuracy before training stops (the best epoch is kept).</summary>
    public int Patience { get; init; } = 3;
    public int Seed { get; init; } = 42;
}
