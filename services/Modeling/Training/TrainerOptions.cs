namespace Platform.Modeling.Training;

/// <summary>
/// The network and optimiser settings. The hidden layers are wide enough that the weights, not
/// the biases and preprocessing constants, dominate the file, which is what int8 shrinks.
/// </summary>
public sealed record TrainerOptions
{
    public IReadOnlyList<int> HiddenLayers { get; init; } = [256, 128];
    public double Dropout { get; init; } = 0.1;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;
    public int BatchSize { get; init; } = 128;
    public int MaxEpochs { get; init; } = 200;
    /// <summary>Epochs without a better validation loss before training stops.</summary>
    public int Patience { get; init; } = 15;
    public double ParityTolerance { get; init; } = 1e-4;
}
