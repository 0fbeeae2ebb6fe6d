namespace Platform.Inference.Serving;

/// <summary>
/// One instance's answer: the predicted class and each class's probability, in the model's class
/// order; <see cref="PredictionId"/> is what feedback names to send its true label.
/// </summary>
public sealed record Prediction(string Label, IReadOnlyDictionary<string, double> Probabilities)
{
    public Guid PredictionId { get; init; }
}
