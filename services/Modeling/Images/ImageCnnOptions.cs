namespace Platform.Modeling.Images;

/// <summary>How an <see cref="ImageCnn"/> is trained (issue 17's checked recipe: Adam with a one-cycle schedule, flips, batch 128).</summary>
public sealed record ImageCnnOptions
{
    public int FirstChannels { get; init; } = 32;
    public int SecondChannels { get; init; } = 64;
    /// <summary>
    /// The dense layer's units. 256, not the checked recipe's 128: on Fashion-MNIST (50,000 train images,
    /// 18 epochs) test accuracy 0.9365 against 0.9322 with 128, in about the same time: the convolutions take it (ADR 34's amendment).
    /// </summary>
    public int Hidden { get; init; } = 256;
    public int Epochs { get; init; } = 18;
    public int BatchSize { get; init; } = 128;
    /// <summary>The one-cycle schedule's peak: reached after <see cref="WarmUp"/> of the steps, then annealed to nearly zero.</summary>
    public double LearningRate { get; init; } = 3e-3;
    public double WarmUp { get; init; } = 0.3;
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>
    /// Images mirrored left to right at random while training: a shirt is a shirt either way round. A
    /// network trained on them also answers for each image and its mirror together (ADR 34's amendment).
    /// </summary>
    public bool HorizontalFlips { get; init; } = true;
    /// <summary>
    /// Pixels an image is moved at random each way while training (a product is the same a little off
    /// centre). Off by default: two pixels cost ImageCnnTests' short run 4 points of accuracy (0.8655 →
    /// 0.8245, 6,000 images, 4 epochs), and one pixel cost the full data 0.002 (0.9302 against 0.9322 with
    /// the mirror, 50,076 images, 18 epochs; ADR 34's amendment).
    /// </summary>
    public int Shifts { get; init; }
    /// <summary>
    /// The share of each label's weight spread over the other classes (Szegedy et al.): the network is
    /// not pushed to certainty on the train images. 0.1, as in the measured best run (ADR 34's amendment).
    /// </summary>
    public double LabelSmoothing { get; init; } = 0.1;
    /// <summary>Epochs without a better validation accuracy before training stops (the best epoch is kept).</summary>
    public int Patience { get; init; } = 3;
    public int Seed { get; init; } = 42;
    /// <summary>
    /// libtorch's threads while this network trains. Set each time: the setting is process-wide, and a
    /// tabular network trained before in the same service leaves it at one (NetworkFamily).
    /// </summary>
    public int Threads { get; init; } = 2;
    /// <summary>A student's teacher probabilities are softened at this temperature (Hinton et al.); unused without a teacher.</summary>
    public double Temperature { get; init; } = 2;
    /// <summary>The softened teacher's weight against the labels' in a student's loss; unused without a teacher.</summary>
    public double TeacherWeight { get; init; } = 0.5;

    /// <summary>What a configured section must satisfy (<see cref="IsValid"/>), said when it does not.</summary>
    public const string Requirement =
        "needs at least one epoch, image per batch, channel and hidden unit, convolutions of at most 16 channels or a multiple of 16 (libtorch's convolutions misread others; ImagePruner.KeptChannels), " +
        "a positive learning rate, a patience of at least one epoch, a positive temperature, a teacher weight from 0 to 1, a label smoothing from 0 to below 1, shifts of at least 0 pixels and at least one thread";

    public bool IsValid => Epochs >= 1 && BatchSize >= 1 && Blocked(FirstChannels) && Blocked(SecondChannels) && Hidden >= 1
        && LearningRate > 0 && Patience >= 1 && Temperature > 0 && TeacherWeight is >= 0 and <= 1 && LabelSmoothing is >= 0 and < 1 && Shifts >= 0 && Threads >= 1;

    /// <summary>Channels oneDNN lays out without a partly filled block of 16 (see <see cref="ImagePruner.KeptChannels"/>).</summary>
    private static bool Blocked(int channels) => channels is >= 1 and <= 16 || channels % 16 == 0;
}
