namespace Platform.Modeling.Training.Families;

/// <summary>
/// A kind of model (network, logistic regression, boosted trees) that learns from a
/// <see cref="TrainingSplit"/>'s train rows (the validation rows only to stop early) and writes
/// itself as one classifier file with the split's preprocessing inside (ADR 3, ADR 22).
/// </summary>
public interface IClassifierFamily
{
    string Name { get; }

    FittedFamily Fit(TrainingSplit split, IProgress<EpochProgress>? progress = null, CancellationToken ct = default);
}

/// <summary>
/// A family's trained model: its file, and its own class probabilities for the split's test rows
/// (row-major [rows, classes]), computed by the library that trained it, which the file must
/// reproduce (parity).
/// <paramref name="Iterations"/> is epochs for a network, trees for an ensemble.
/// </summary>
public sealed record FittedFamily(string Family, byte[] OnnxModel, float[] TestScores, int Iterations);
