namespace Platform.Modeling.Text;

/// <summary>
/// The distilled text student's shape and training (ADR 32, from the spike on the 4,000 reviews):
/// 64-dimensional embeddings (the teacher's, by PCA), 96 channels per convolution, the teacher's
/// probabilities softened at temperature 2 weighing 0.7 against the labels' 0.3.
/// </summary>
public sealed record TextStudentOptions
{
    public int Dimensions { get; init; } = 64;
    public int Channels { get; init; } = 96;
    public int Epochs { get; init; } = 8;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 3e-3;
    public double Temperature { get; init; } = 2;
    public double TeacherWeight { get; init; } = 0.7;
    public double Dropout { get; init; } = 0.3;
    public int Threads { get; init; } = 2;
}
