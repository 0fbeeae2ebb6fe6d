namespace Platform.Inference.Serving;

/// <summary>
/// One instance's answer: the predicted class and each class's probability, in the model's class
/// order. The API answers it with the id feedback names (<c>PredictionResponse</c>).
/// </summary>
public sealed record Prediction(string Label, IReadOnlyDictionary<string, double> Probabilities);
